using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// What the driver needs to know of the model's cut and the data without holding either: layers per stage, training
/// samples, steps per epoch, test batches; and where the run starts (a resumed run: its checkpoint and position).
/// </summary>
internal sealed record RunShape(int[] Balance, int TrainSamples, int BatchesPerEpoch, int TestBatches, RunPosition Start, string? ResumeFrom);
