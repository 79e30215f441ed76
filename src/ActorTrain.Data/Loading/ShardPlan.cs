namespace ActorTrain.Data.Loading;

/// <summary>
/// Which slice of an epoch's order one worker reads: the order is cut into contiguous, disjoint shards that together
/// cover it (the first N mod W shards one larger), or into equal shards that leave out the last N mod W samples.
/// A pure function of (N, W, w), so every worker computes the same cut without talking to the others.
/// </summary>
internal readonly record struct ShardPlan(int Start, int Size)
{
    public static ShardPlan For(int sampleCount, int workerIndex, int workerCount, bool equalSizes)
    {
        var baseSize = sampleCount / workerCount;
        if (equalSizes) return new ShardPlan(workerIndex * baseSize, baseSize);
        var remainder = sampleCount % workerCount;
        return new ShardPlan(workerIndex * baseSize + Math.Min(workerIndex, remainder), baseSize + (workerIndex < remainder ? 1 : 0));
    }
}
