namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Train mini-batch <paramref name="Batch"/> of <paramref name="Epoch"/> as step <paramref name="Step"/>: a position,
/// never the images. The worker with the first stage reads the inputs there, the one with the last stage the labels.
/// With <paramref name="SnapshotFirst"/> every stage copies its state in memory before it starts the step, and the
/// worker keeps the copies and replicates them to its buddy (recovery.snapshot-every).
/// </summary>
public sealed record RunStepAt(long Step, int Epoch, int Batch, bool SnapshotFirst = false);
