namespace ActorTrain.Cluster.Messages;

/// <summary>A worker that restores <paramref name="Stage"/> asks the holder of its snapshot before <paramref name="Step"/> for the copy (as <see cref="SnapshotChunk"/>s).</summary>
public sealed record SendSnapshot(int Stage, long Step);
