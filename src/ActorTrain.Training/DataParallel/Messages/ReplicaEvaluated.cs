namespace ActorTrain.Training.DataParallel.Messages;

/// <summary>Replica 0's mean test loss and accuracy after an epoch.</summary>
internal sealed record ReplicaEvaluated(int Epoch, double Loss, double Accuracy);
