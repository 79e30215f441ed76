using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Tests.Runs;

/// <summary>Cancels a run from inside once it has reported a given step, so the cancellation lands mid-training.</summary>
internal sealed class CancellingObserver(CancellationTokenSource cancel, long afterStep) : ITrainingObserver
{
    public void OnStep(StepMetrics metrics)
    {
        if (metrics.Step == afterStep) cancel.Cancel();
    }

    public void OnRunStarted(RunInfo info) { }
    public void OnSpan(in Span span) { }
    public void OnStageMemory(int stage, long peakBytes) { }
    public void OnEvaluation(EvaluationMetrics metrics) { }
    public void OnModeSwitch(ModeSwitch change) { }
    public void OnRunFinished(bool succeeded, long timestamp) { }
}
