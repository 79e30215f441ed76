namespace ActorTrain.Training.Pipeline;

/// <summary>
/// A stage received a NaN or infinite activation or gradient, or the loss was not finite: a transient compute fault
/// when recovery is on (the run rolls back and replays), a divergence when it comes back.
/// </summary>
public sealed class NonFiniteTensorException(int stage, long step, string what) : Exception($"stage {stage}: {what} of step {step} is not finite")
{
    public int Stage { get; } = stage;
    public long Step { get; } = step;
}
