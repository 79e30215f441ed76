namespace ActorTrain.Cluster.Messages;

/// <summary>
/// What stage <paramref name="Stage"/> spent computing (forward, backward, optimizer steps) and waiting on neighbours
/// since the previous checkpoint, in milliseconds: sent by its worker with each checkpoint, for the switching policy.
/// </summary>
public sealed record StageTimes(int Stage, double ComputeMs, double WaitMs);
