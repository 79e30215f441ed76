using ActorTrain.Training.Observability;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// When a run first reached a test accuracy, measured from its first start (evaluations come after each epoch), and the
/// best test accuracy any evaluation saw.
/// </summary>
internal sealed class AccuracyClock(double target, TimeProvider clock) : ITrainingObserver
{
    private long _start = -1;

    public TimeSpan? Reached { get; private set; }

    public double? Best { get; private set; }

    public void OnRunStarted(RunInfo info)
    {
        if (_start < 0) _start = info.Timestamp;
    }

    public void OnEvaluation(EvaluationMetrics metrics)
    {
        Best = Math.Max(Best ?? 0, metrics.Accuracy);
        if (Reached is null && metrics.Accuracy >= target && _start >= 0) Reached = clock.GetElapsedTime(_start, metrics.Timestamp);
    }
}
