namespace ActorTrain.Cluster.Node;

/// <summary>A local stage's snapshot, serialized off the stage's thread, for the node actor to keep and replicate; <paramref name="Serializing"/> is what that took.</summary>
internal sealed record KeepSnapshot(int Stage, long Step, byte[] Bytes, TimeSpan Serializing);
