namespace ActorTrain.Training.DataParallel.Messages;

/// <summary>Coordinator to replica 0: evaluate your model on the test split (replicas are identical, so one suffices).</summary>
internal sealed record EvaluateReplica(int Epoch);
