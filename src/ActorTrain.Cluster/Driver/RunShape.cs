using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// What the driver needs to know of the model's cut and the data without holding either: layers per stage (dp: one
/// stage, the whole model), dp replicas (0 for a pipeline), training samples, steps per epoch, test batches; and where
/// the run starts (a resumed run: its checkpoint and position). In ist, <paramref name="IstServer"/> is what the driver
/// needs to host the parameter server itself, and <paramref name="Replicas"/> counts the subnet workers.
/// </summary>
internal sealed record RunShape(int[] Balance, int Replicas, int TrainSamples, int BatchesPerEpoch, int TestBatches, RunPosition Start, string? ResumeFrom,
    IstServer? IstServer = null)
{
    /// <summary>What the driver places on workers and hears from each step: the replicas in dp, else the stages.</summary>
    public int Units => Replicas > 0 ? Replicas : Balance.Length;
}
