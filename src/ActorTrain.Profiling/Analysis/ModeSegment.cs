using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Analysis;

/// <summary>A stretch of the run spent in one training mode, from one switch (or the start) to the next (or the end).</summary>
/// <param name="Switch">The switch that opened this segment; null for the first.</param>
internal sealed record ModeSegment(string Mode, long Start, long End, ModeSwitch? Switch)
{
    public long Duration => End - Start;
}
