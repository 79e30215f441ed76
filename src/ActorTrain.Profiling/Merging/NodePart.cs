using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Merging;

/// <summary>
/// What one worker recorded during a clustered run, in its own clock's ticks (<see cref="Frequency"/> per second): its
/// stages' spans and peak memory, its Gloo transfers, and the faults injected there. The driver merges the parts into one trace.
/// </summary>
internal sealed record NodePart(
    int Rank,
    string Address,
    int Pid,
    IReadOnlyList<StageInfo> Stages,
    long Frequency,
    Span[] Spans,
    TransferSpan[] Transfers,
    MemoryReading[] Memory)
{
    public FaultInjection[] Injections { get; init; } = [];
}
