namespace ActorTrain.Profiling.Merging;

/// <summary>
/// How far a node's monotonic clock is ahead of the driver's, estimated from ping round trips as NTP and Cristian do:
/// the node read its clock somewhere inside the round trip, so assuming the middle errs by at most half the round trip.
/// The round trip with the least delay (queueing on either side only adds to it) bounds the error most tightly.
/// </summary>
/// <param name="Offset">Node time minus driver time, in nanoseconds: a node timestamp minus this is driver time.</param>
/// <param name="Uncertainty">Half the chosen round trip: the true offset lies within Offset ± Uncertainty.</param>
/// <param name="RoundTrip">The chosen (shortest) round trip, in nanoseconds.</param>
/// <param name="Pings">How many round trips were measured.</param>
public sealed record ClockOffset(long Offset, long Uncertainty, long RoundTrip, int Pings)
{
    /// <summary>No measurement: same machine, same clock assumed, error unknown.</summary>
    public static ClockOffset Unmeasured { get; } = new(0, 0, 0, 0);

    /// <summary>offset = node time - (t0 + t2) / 2 and uncertainty = round trip / 2, from the shortest round trip.</summary>
    public static ClockOffset Estimate(IReadOnlyCollection<ClockSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("at least one round trip is needed", nameof(samples));
        if (samples.FirstOrDefault(s => s.RoundTrip < 0) is { RoundTrip: < 0 } bad)
            throw new ArgumentException($"a round trip cannot end before it starts (sent {bad.SentAt}, received {bad.ReceivedAt})", nameof(samples));
        var best = samples.MinBy(s => s.RoundTrip);
        // (t0 + t2) / 2 written so that two large timestamps cannot overflow.
        var middle = best.SentAt + best.RoundTrip / 2;
        return new ClockOffset(best.NodeTime - middle, best.RoundTrip / 2, best.RoundTrip, samples.Count);
    }

    /// <summary>A node's time as the driver's clock reads it.</summary>
    public long ToDriver(long nodeTime) => nodeTime - Offset;
}
