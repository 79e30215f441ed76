namespace ActorTrain.Cluster;

/// <summary>A worker was lost or failed during the run; the message names it and the stages it held (exit code 1).</summary>
public sealed class ClusterNodeLostException(string message) : Exception(message);
