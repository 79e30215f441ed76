namespace ActorTrain.Training.DataParallel.Messages;

/// <summary>Coordinator to replica: compute gradients on your share of global batch <paramref name="Batch"/> of <paramref name="Epoch"/>.</summary>
internal sealed record ComputeGradients(long Step, int Epoch, int Batch);
