namespace ActorTrain.Cluster;

/// <summary>Which worker hosts each stage: an explicit list from the configuration, or contiguous runs of stages spread evenly over the workers in member order.</summary>
public static class StagePlacement
{
    /// <param name="explicitPlacement">cluster.placement: one worker index per stage, or empty for auto.</param>
    public static int[] Place(int stages, int workers, IReadOnlyList<int> explicitPlacement)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (explicitPlacement.Count == 0)
            return Enumerable.Range(0, stages).Select(k => (int)((long)k * workers / stages)).ToArray();
        if (explicitPlacement.Count != stages)
            throw new ArgumentException($"cluster.placement lists {explicitPlacement.Count} worker(s) but the pipeline has {stages} stages");
        if (explicitPlacement.FirstOrDefault(w => w >= workers, -1) is var bad and >= 0)
            throw new ArgumentException($"cluster.placement names worker {bad} but cluster.workers = {workers} (indices 0..{workers - 1})");
        return explicitPlacement.ToArray();
    }
}
