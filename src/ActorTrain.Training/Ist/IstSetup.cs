using ActorTrain.Config.Settings;
using ActorTrain.Data.Loading;
using ActorTrain.Torch.NN;
using ActorTrain.Torch;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Options;
using Akka.Actor;

namespace ActorTrain.Training.Ist;

/// <summary>
/// What the parameter server is given: the full model (borrowed; the run disposes it), the cut layout, the number of
/// workers and the props of worker w's actor (a SubnetWorker in this process, or a link to one in a worker process),
/// the test split, a loader over the whole training split for recalibration, how many batches each worker's shard holds per epoch, and where the run starts: the position, and the full-size
/// optimizer state by slice key with its step count (empty and 0 on a fresh start; the server owns the tensors).
/// </summary>
internal sealed record IstSetup(
    TrainingOptions Options,
    IstSettings Ist,
    Sequential Model,
    SliceLayout Layout,
    IReadOnlyList<int> HiddenWidths,
    int Workers,
    Func<int, Props> Subnet,
    BatchLoader Test,
    BatchLoader Calibration,
    int BatchesPerEpoch,
    int Threads,
    RunPosition Start,
    IReadOnlyDictionary<string, Tensor> OptimizerState,
    long OptimizerSteps)
{
    /// <summary>An epoch is every worker reading its whole shard once; a round never crosses an epoch's end, so the last may be shorter.</summary>
    public int RoundsPerEpoch => (BatchesPerEpoch + Ist.LocalSteps - 1) / Ist.LocalSteps;
}
