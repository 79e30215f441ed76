namespace ActorTrain.Cluster;

/// <summary>The driver refused a worker before training (another version or configuration): bad input, exit code 2.</summary>
public sealed class ClusterRefusedException(string message) : Exception(message);
