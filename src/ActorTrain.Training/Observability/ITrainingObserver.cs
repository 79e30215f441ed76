namespace ActorTrain.Training.Observability;

/// <summary>
/// The seam through which profiling (and the console progress display) watch a run. The training code
/// calls it from stage threads concurrently: implementations must be thread-safe and cheap. Every method does nothing
/// unless implemented, so an observer implements only what it watches.
/// </summary>
public interface ITrainingObserver
{
    void OnRunStarted(RunInfo info) { }
    void OnSpan(in Span span) { }
    /// <summary>Peak bytes of tensors a stage held at once (parameters, stashed activations, optimizer state).</summary>
    void OnStageMemory(int stage, long peakBytes) { }
    void OnStep(StepMetrics metrics) { }
    void OnEvaluation(EvaluationMetrics metrics) { }
    void OnModeSwitch(ModeSwitch change) { }
    /// <summary>The link protocol detected or healed something (a gap, a duplicate, a bad checksum, a resend).</summary>
    void OnLinkEvent(LinkEvent linkEvent) { }
    /// <summary>A stage failed and the supervisor rolled every stage back, or stopped the run (reported once the outcome is known).</summary>
    void OnRecovery(RecoveryEvent recovery) { }

    /// <summary>A fault plan's entry was injected (by the injector at a link, stage or checkpoint seam).</summary>
    void OnFaultInjected(FaultInjection fault) { }
    /// <summary>The run ended (successfully or not); flush outputs.</summary>
    void OnRunFinished(bool succeeded, long timestamp) { }
}
