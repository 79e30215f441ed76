namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Async only: no more mini-batches come until the pipeline is empty (a checkpoint, an evaluation or the end is next),
/// so a stage without flush runs its remaining backwards instead of waiting for forwards that will not come.
/// </summary>
public sealed record DrainPipeline;
