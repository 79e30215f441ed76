namespace ActorTrain.Config.Settings;

/// <summary>
/// One entry of `faults.plan`: a <see cref="Kind"/> of fault on the link <see cref="From"/> → <see cref="To"/>, either at
/// the given <see cref="Steps"/> or at random with probability <see cref="Rate"/> per frame (seeded by `faults.seed`),
/// on every micro-batch or only <see cref="MicroBatch"/>. <see cref="Duration"/> is a delay's length or how long a
/// reorder holds a frame at most.
/// </summary>
public sealed record FaultSpec(FaultKind Kind, int From, int To, IReadOnlyList<long> Steps, double? Rate, int? MicroBatch, TimeSpan Duration)
{
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMilliseconds(50);

    public string Link => $"{From}->{To}";

    /// <summary>Whether a first send of (step, micro-batch) on this entry's link is hit; a rate entry draws from <paramref name="random"/>.</summary>
    public bool Hits(long step, int microBatch, Random random) =>
        (MicroBatch is null || MicroBatch == microBatch) && (Rate is { } rate ? random.NextDouble() < rate : Steps.Contains(step));
}
