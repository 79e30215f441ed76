namespace ActorTrain.Profiling.Tests.Fixtures;

/// <summary>A clock whose ticks are microseconds and which moves only when told, so figures are exact.</summary>
internal sealed class ManualClock : TimeProvider
{
    public const long TicksPerMillisecond = 1_000;

    public long Now { get; set; }

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Now;
}
