namespace ActorTrain.Training.Observability;

/// <summary>An observer that ignores everything: for runs nobody watches (tests, benchmarks).</summary>
public sealed class NullTrainingObserver : ITrainingObserver
{
    public static NullTrainingObserver Instance { get; } = new();

    private NullTrainingObserver() { }

    public void OnRunStarted(RunInfo info) { }
    public void OnSpan(in Span span) { }
    public void OnStageMemory(int stage, long peakBytes) { }
    public void OnStep(StepMetrics metrics) { }
    public void OnEvaluation(EvaluationMetrics metrics) { }
    public void OnModeSwitch(ModeSwitch change) { }
    public void OnRunFinished(bool succeeded, long timestamp) { }
}
