namespace ActorTrain.Cluster;

/// <summary>Fewer workers than cluster.workers joined within cluster.join-timeout: a failure while running (exit code 1).</summary>
public sealed class ClusterJoinException(string message) : Exception(message);
