namespace ActorTrain.Data.Loading;

/// <summary>How a <see cref="BatchLoader"/> cuts a split into mini-batches.</summary>
public sealed record BatchLoaderOptions
{
    public int BatchSize { get; init; } = 128;

    /// <summary>Permute the split every epoch, from (<see cref="Seed"/>, epoch) alone; off means the split's own order.</summary>
    public bool Shuffle { get; init; } = true;

    public long Seed { get; init; }

    /// <summary>This worker's shard, 0..<see cref="WorkerCount"/>-1. Every worker of a run must use the same seed so the shards are disjoint.</summary>
    public int WorkerIndex { get; init; }

    public int WorkerCount { get; init; } = 1;

    /// <summary>
    /// Drop what does not fill a whole batch. Shards are then also cut to equal size, so every worker yields the same
    /// number of full batches per epoch (replicas that meet in an all-reduce every step need that).
    /// </summary>
    public bool DropLast { get; init; }
}
