using ActorTrain.Profiling.Merging;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Recording;

/// <summary>
/// A consistent copy of everything a <see cref="Profiler"/> recorded, taken under its lock so the
/// writers can work on it while the run goes on.
/// </summary>
/// <param name="Runs">Every <see cref="RunInfo"/> reported: the first is the run's start, later ones follow mode switches.</param>
/// <param name="Links">Link traffic, when the profiler is installed as the run's link decorator.</param>
/// <param name="Start">The timestamp all output times are measured from.</param>
/// <param name="End">When the run finished, or the latest timestamp seen if it has not.</param>
/// <param name="Succeeded">Null while the run has not finished.</param>
/// <param name="Recoveries">Stage failures and what the supervisor did about them (rollbacks, stops).</param>
/// <param name="Cluster">A clustered run's nodes, Gloo transfers and merge warnings; null in one process.</param>
/// <param name="Injections">The moments a fault plan's entries were injected (none without a plan).</param>
internal sealed record ProfileData(
    IReadOnlyList<RunInfo> Runs,
    Span[] Spans,
    IReadOnlyList<StepMetrics> Steps,
    IReadOnlyList<EvaluationMetrics> Evaluations,
    IReadOnlyList<ModeSwitch> Switches,
    IReadOnlyList<MemoryReading> Memory,
    IReadOnlyList<LinkTraffic> Links,
    long Start,
    long End,
    bool? Succeeded,
    long Frequency,
    IReadOnlyList<RecoveryEvent> Recoveries,
    ClusterView? Cluster = null,
    IReadOnlyList<FaultInjection>? Injections = null)
{
    public IReadOnlyList<FaultInjection> FaultInjections => Injections ?? [];

    public RunInfo? FirstRun => Runs.Count > 0 ? Runs[0] : null;

    public double Seconds(long ticks) => ticks / (double)Frequency;

    public double Milliseconds(long ticks) => ticks * 1_000.0 / Frequency;

    /// <summary>Microseconds since <see cref="Start"/>: the unit of Chrome trace timestamps.</summary>
    public double Microseconds(long timestamp) => (timestamp - Start) * 1_000_000.0 / Frequency;

    public double WallSeconds => Seconds(End - Start);

    /// <summary>Every stage the run declared, or that recorded a span or reported memory, in order.</summary>
    public IReadOnlyList<int> StageIds()
    {
        int declared = Runs.Count > 0 ? Runs.Max(r => r.Stages) : 0;
        return Enumerable.Range(0, declared)
            .Concat(Spans.Select(s => s.Stage))
            .Concat(Memory.Select(m => m.Stage))
            .Distinct()
            .Order()
            .ToArray();
    }
}
