using ActorTrain.Profiling.Merging;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// Sent to the driver in this process right after it starts (never over the wire): profile the run, measuring each
/// worker's clock at join and collecting the workers' recordings at the end into <paramref name="Nodes"/>.
/// </summary>
internal sealed record RecordClusterProfile(ClusterNodes Nodes);
