using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Tests.DataParallel;

/// <summary>Keeps steps, evaluations and spans (called from several actor threads, hence the lock).</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    private readonly object _gate = new();
    private readonly List<StepMetrics> _steps = new();
    private readonly List<EvaluationMetrics> _evaluations = new();
    private readonly List<Span> _spans = new();

    public IReadOnlyList<StepMetrics> Steps { get { lock (_gate) return _steps.ToList(); } }
    public IReadOnlyList<EvaluationMetrics> Evaluations { get { lock (_gate) return _evaluations.ToList(); } }
    public IReadOnlyList<Span> Spans { get { lock (_gate) return _spans.ToList(); } }

    public void OnRunStarted(RunInfo info) { }
    public void OnSpan(in Span span) { lock (_gate) _spans.Add(span); }
    public void OnStageMemory(int stage, long peakBytes) { }
    public void OnStep(StepMetrics metrics) { lock (_gate) _steps.Add(metrics); }
    public void OnEvaluation(EvaluationMetrics metrics) { lock (_gate) _evaluations.Add(metrics); }
    public void OnModeSwitch(ModeSwitch change) { }
    public void OnRunFinished(bool succeeded, long timestamp) { }
}
