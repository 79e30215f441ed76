using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Hosting;

namespace ActorTrain.Cluster;

/// <summary>A clustered run's outcome as in one process, plus what each worker sent over Gloo (one entry per rank).</summary>
public sealed record ClusterRunResult(TrainingResult Run, IReadOnlyList<LinkTraffic> Traffic);
