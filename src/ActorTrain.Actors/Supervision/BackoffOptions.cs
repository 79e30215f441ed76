namespace ActorTrain.Actors;

/// <summary>
/// Settings of a <see cref="BackoffSupervisor"/>. The jitter comes from a <see cref="Random"/> seeded with
/// <see cref="Seed"/> and the waits run on the system's TimeProvider, so a run's delays can be replayed.
/// </summary>
public sealed record BackoffOptions
{
    public BackoffOptions(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ActorPath.ValidateName(childName);
        if (minBackoff <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minBackoff), minBackoff, "must be positive");
        if (maxBackoff < minBackoff) throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, "must be at least minBackoff");
        if (randomFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "must be within [0, 1]");
        (ChildProps, ChildName, MinBackoff, MaxBackoff, RandomFactor) = (childProps, childName, minBackoff, maxBackoff, randomFactor);
    }

    public Props ChildProps { get; }

    public string ChildName { get; }

    public TimeSpan MinBackoff { get; }

    public TimeSpan MaxBackoff { get; }

    /// <summary>Each delay is stretched by up to this fraction, at random.</summary>
    public double RandomFactor { get; }

    public BackoffTrigger Trigger { get; init; } = BackoffTrigger.OnFailure;

    /// <summary>Restarts before the supervisor gives up and stops; -1 for no limit.</summary>
    public int MaxNrOfRetries { get; init; } = -1;

    /// <summary>A child that ran at least this long before stopping starts the count (and the delay) afresh; null never resets.</summary>
    public TimeSpan? ResetBackoffAfter { get; init; }

    public int Seed { get; init; }

    public static BackoffOptions OnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(childProps, childName, minBackoff, maxBackoff, randomFactor);

    public static BackoffOptions OnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(childProps, childName, minBackoff, maxBackoff, randomFactor) { Trigger = BackoffTrigger.OnStop };
}
