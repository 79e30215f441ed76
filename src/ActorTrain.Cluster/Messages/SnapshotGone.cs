namespace ActorTrain.Cluster.Messages;

/// <summary>The answer to <see cref="SendSnapshot"/> from a worker that no longer holds that copy.</summary>
public sealed record SnapshotGone(int Stage, long Step);
