namespace ActorTrain.Cluster;

/// <summary>A checkpoint could not be written under recovery.on-checkpoint-failure = stop; the previous committed one stays (exit code 1).</summary>
public sealed class ClusterCheckpointException(string message) : Exception(message);
