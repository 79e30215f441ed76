namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>
/// No further mini-batch comes until those already sent have finished (a checkpoint, an evaluation or the end of the
/// run is next). A stage of the pipeline without flush then runs its remaining backwards instead of waiting for the
/// forwards its schedule would put between them. The synchronous pipeline needs no notice: it drains every step.
/// </summary>
internal sealed record PipelineDrain
{
    public static readonly PipelineDrain Instance = new();
}
