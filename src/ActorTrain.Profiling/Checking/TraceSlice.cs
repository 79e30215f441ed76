using System.Globalization;

namespace ActorTrain.Profiling.Checking;

/// <summary>A complete ("X") event read back from a trace, with the arguments the checks need.</summary>
internal sealed record TraceSlice(TraceThread Thread, string Name, string Category, double Start, double Duration, long? Step, int? MicroBatch, string? Mode)
{
    public double End => Start + Duration;

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name} (step {Step?.ToString(CultureInfo.InvariantCulture) ?? "?"}, micro-batch {MicroBatch?.ToString(CultureInfo.InvariantCulture) ?? "?"}) at {Start:0.###} us");
}
