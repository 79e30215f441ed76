using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Tests.Runs;

/// <summary>Cancels a run from inside once it has reported a given step, so the cancellation lands mid-training.</summary>
internal sealed class CancellingObserver(CancellationTokenSource cancel, long afterStep) : ITrainingObserver
{
    public void OnStep(StepMetrics metrics)
    {
        if (metrics.Step == afterStep) cancel.Cancel();
    }
}
