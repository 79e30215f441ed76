using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Training.PipelineParallel;

/// <summary>
/// The supervisor's half of an in-memory snapshot taken before step <see cref="Position"/>.Step: where the data stood
/// (epoch and batch, which the deterministic loader turns back into the same batches; its shuffle is seeded per epoch)
/// and the run's ledger. The stages hold the tensors.
/// </summary>
internal sealed record SnapshotPoint(RunPosition Position, long Samples, double LastLoss);
