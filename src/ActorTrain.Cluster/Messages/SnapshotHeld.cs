namespace ActorTrain.Cluster.Messages;

/// <summary>A worker now holds a copy of <paramref name="Stage"/>'s snapshot before <paramref name="Step"/> (its own, or a replica): the driver counts the copies.</summary>
public sealed record SnapshotHeld(int Stage, long Step);
