namespace ActorTrain.Training.Partitioning;

/// <summary>
/// The layer-wise "partition and merge" of Akintoye et al. done greedily: start from one group per
/// layer and merge, one pair at a time, the adjacent pair whose merge leaves the smallest largest
/// group cost, until p groups remain. Ties go to the pair whose merged group is cheaper, then to
/// the earlier pair. Fast and close to optimal, but not always optimal: the exact answer is
/// <see cref="MinMaxContiguousPartition"/>.
/// </summary>
internal static class AdjacentGroupMerge
{
    public static IReadOnlyList<StageRange> Merge(StageCostModel model, int groups)
    {
        var ranges = Enumerable.Range(0, model.LayerCount).Select(layer => new StageRange(layer, 1)).ToList();
        while (ranges.Count > groups)
        {
            var costs = ranges.Select(range => model.CostMs(range.FirstLayer, range.EndLayer)).ToArray();
            var maxBefore = RunningMax(costs);
            var maxAfter = RunningMax(costs.Reverse().ToArray()).Reverse().ToArray();

            int chosen = -1;
            double chosenLargest = double.PositiveInfinity, chosenMerged = double.PositiveInfinity;
            for (var left = 0; left + 1 < ranges.Count; left++)
            {
                var merged = model.CostMs(ranges[left].FirstLayer, ranges[left + 1].EndLayer);
                var others = Math.Max(
                    left == 0 ? 0 : maxBefore[left - 1],
                    left + 2 == ranges.Count ? 0 : maxAfter[left + 2]);
                var largest = Math.Max(merged, others);
                var better = CostTolerance.Below(largest, chosenLargest)
                    || (CostTolerance.AtMost(largest, chosenLargest) && CostTolerance.Below(merged, chosenMerged));
                if (chosen < 0 || better)
                {
                    (chosen, chosenLargest, chosenMerged) = (left, largest, merged);
                }
            }

            ranges[chosen] = new StageRange(ranges[chosen].FirstLayer, ranges[chosen].LayerCount + ranges[chosen + 1].LayerCount);
            ranges.RemoveAt(chosen + 1);
        }

        return ranges;
    }

    private static double[] RunningMax(double[] values)
    {
        var running = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            running[i] = Math.Max(values[i], i == 0 ? 0 : running[i - 1]);
        }

        return running;
    }
}
