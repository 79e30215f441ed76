namespace ActorTrain.Cluster.Messages;

/// <summary>
/// What the link protocol did so far on worker <paramref name="Rank"/>'s links (sent with each checkpoint): events by
/// kind (resends, duplicates and stale frames dropped, checksum mismatches, frames out of order); empty on a clean wire.
/// </summary>
public sealed record LinkHealth(int Rank, Dictionary<string, long> Events);
