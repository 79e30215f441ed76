namespace ActorTrain.Training.PipelineParallel;

/// <summary>
/// A stage failed and the run could not roll back: recovery is off or has no snapshot yet, or the fault came back after
/// `recovery.max-restarts` rollbacks (a crash loop, a NaN that returns on replay: a real divergence).
/// </summary>
public sealed class StageFaultException(int stage, long step, string message, Exception cause) : Exception(message, cause)
{
    public int Stage { get; } = stage;
    public long Step { get; } = step;
}
