namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Score test batch <paramref name="Batch"/>: the worker with the first stage reads its inputs, each worker receiving
/// the batch over Gloo reads its labels, and the last stage answers with Training's EvaluationResult.
/// </summary>
public sealed record EvaluateAt(long Batch);
