using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Hosting;

namespace ActorTrain.Cluster;

/// <summary>
/// A clustered run's outcome as in one process, plus what each worker sent over Gloo (one entry per rank) and a line
/// for each re-placement after a lost worker.
/// </summary>
public sealed record ClusterRunResult(TrainingResult Run, IReadOnlyList<LinkTraffic> Traffic)
{
    public IReadOnlyList<string> Recoveries { get; init; } = [];
}
