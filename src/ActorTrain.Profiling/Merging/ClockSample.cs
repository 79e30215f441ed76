namespace ActorTrain.Profiling.Merging;

/// <summary>
/// One round trip of a clock ping: the driver sent it at <paramref name="SentAt"/> and had the answer back at
/// <paramref name="ReceivedAt"/> (both on the driver's monotonic clock), the node read <paramref name="NodeTime"/> on
/// its own in between. All in nanoseconds.
/// </summary>
public readonly record struct ClockSample(long SentAt, long NodeTime, long ReceivedAt)
{
    public long RoundTrip => ReceivedAt - SentAt;
}
