using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Analysis;

/// <summary>Every figure summary.json and report.html show, computed once from a <see cref="Recording.ProfileData"/>.</summary>
/// <param name="Run">The run as it started; null if the run never reported itself.</param>
/// <param name="Succeeded">Null while the run has not finished.</param>
/// <param name="FinalEvaluation">The last evaluation; null if there was none.</param>
internal sealed record ProfileSummary(
    RunInfo? Run,
    bool? Succeeded,
    double WallSeconds,
    long Samples,
    double? SamplesPerSecond,
    int SpanCount,
    BubbleFigures Bubble,
    IReadOnlyList<ModeFigures> Modes,
    IReadOnlyList<StageFigures> Stages,
    IReadOnlyList<ModeSwitch> Switches,
    IReadOnlyList<EvaluationMetrics> Evaluations,
    EvaluationMetrics? FinalEvaluation);
