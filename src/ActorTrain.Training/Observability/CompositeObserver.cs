namespace ActorTrain.Training.Observability;

/// <summary>Forwards every event to several observers in order (e.g. the profiler and the console progress).</summary>
public sealed class CompositeObserver(params ITrainingObserver[] observers) : ITrainingObserver
{
    public void OnRunStarted(RunInfo info) { foreach (var o in observers) o.OnRunStarted(info); }
    public void OnSpan(in Span span) { foreach (var o in observers) o.OnSpan(span); }
    public void OnStageMemory(int stage, long peakBytes) { foreach (var o in observers) o.OnStageMemory(stage, peakBytes); }
    public void OnStep(StepMetrics metrics) { foreach (var o in observers) o.OnStep(metrics); }
    public void OnEvaluation(EvaluationMetrics metrics) { foreach (var o in observers) o.OnEvaluation(metrics); }
    public void OnModeSwitch(ModeSwitch change) { foreach (var o in observers) o.OnModeSwitch(change); }
    public void OnLinkEvent(LinkEvent linkEvent) { foreach (var o in observers) o.OnLinkEvent(linkEvent); }
    public void OnRecovery(RecoveryEvent recovery) { foreach (var o in observers) o.OnRecovery(recovery); }
    public void OnFaultInjected(FaultInjection fault) { foreach (var o in observers) o.OnFaultInjected(fault); }
    public void OnRunFinished(bool succeeded, long timestamp) { foreach (var o in observers) o.OnRunFinished(succeeded, timestamp); }
}
