namespace ActorTrain.Profiling.Merging;

/// <summary>Monotonic clock ticks to nanoseconds and back: nodes may count ticks at different frequencies.</summary>
public static class Nanoseconds
{
    private const long PerSecond = 1_000_000_000;

    public static long FromTicks(long ticks, long frequency) =>
        frequency == PerSecond ? ticks : (long)((Int128)ticks * PerSecond / frequency);

    public static long ToTicks(long nanoseconds, long frequency) =>
        frequency == PerSecond ? nanoseconds : (long)((Int128)nanoseconds * frequency / PerSecond);

    /// <summary>This process's monotonic clock (the one spans are stamped with) in nanoseconds.</summary>
    public static long Now() => FromTicks(TimeProvider.System.GetTimestamp(), TimeProvider.System.TimestampFrequency);
}
