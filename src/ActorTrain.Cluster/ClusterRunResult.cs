using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Hosting;

namespace ActorTrain.Cluster;

/// <summary>
/// A clustered run's outcome as in one process, plus what each worker sent over Gloo (one entry per rank) and a line
/// for each re-placement after a lost worker.
/// <see cref="SnapshotsReplicated"/>: for each in-memory snapshot (recovery.snapshot-every), the time from dispatching
/// its step until every stage's copy and its replica on another worker were held.
/// </summary>
public sealed record ClusterRunResult(TrainingResult Run, IReadOnlyList<LinkTraffic> Traffic)
{
    public IReadOnlyList<string> Recoveries { get; init; } = [];

    public IReadOnlyList<TimeSpan> SnapshotsReplicated { get; init; } = [];
}
