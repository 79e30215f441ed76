using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Observability;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// The observer a clustered run under the switching policy gives its driver: everything goes on to
/// <paramref name="inner"/> (the policy's meter among them), and the workers' <see cref="StageTimes"/> reach it as one
/// compute span and one wait span per stage of those lengths, ending now, which is all the policy's meter reads of
/// spans. Only policy runs get it, so a profile never shows these summary spans.
/// </summary>
internal sealed class StageTimeSpans(ITrainingObserver inner, TimeProvider clock) : ITrainingObserver
{
    public void Add(StageTimes times, long step)
    {
        var now = clock.GetTimestamp();
        inner.OnSpan(new Span(times.Stage, SpanKind.Forward, step, 0, now - Ticks(times.ComputeMs), now));
        inner.OnSpan(new Span(times.Stage, SpanKind.Wait, step, 0, now - Ticks(times.WaitMs), now));
    }

    private long Ticks(double ms) => (long)(ms * clock.TimestampFrequency / 1000);

    public void OnRunStarted(RunInfo info) => inner.OnRunStarted(info);
    public void OnSpan(in Span span) => inner.OnSpan(span);
    public void OnStageMemory(int stage, long peakBytes) => inner.OnStageMemory(stage, peakBytes);
    public void OnStep(StepMetrics metrics) => inner.OnStep(metrics);
    public void OnEvaluation(EvaluationMetrics metrics) => inner.OnEvaluation(metrics);
    public void OnModeSwitch(ModeSwitch change) => inner.OnModeSwitch(change);
    public void OnLinkEvent(LinkEvent linkEvent) => inner.OnLinkEvent(linkEvent);
    public void OnRecovery(RecoveryEvent recovery) => inner.OnRecovery(recovery);
    public void OnRunFinished(bool succeeded, long timestamp) => inner.OnRunFinished(succeeded, timestamp);
}
