namespace ActorTrain.Training.Partitioning;

/// <summary>
/// Exact min-max cut of n items into p contiguous non-empty groups by dynamic programming, O(p n²).
/// </summary>
/// <remarks>
/// best[s][i] is the smallest possible largest group cost when items i..n-1 form s groups. Among
/// the cuts that reach the optimum, the earliest are taken (the first group as short as possible,
/// then the second, ...): under 1F1B stage k keeps up to p-k micro-batches' activations, so lighter
/// early stages lower the peak memory at no cost in speed. Costs are compared through
/// <see cref="CostTolerance"/>, so rounding in summed times does not decide a tie.
/// </remarks>
internal static class MinMaxContiguousPartition
{
    /// <param name="cost">The cost of items [first, end) as one group.</param>
    public static IReadOnlyList<StageRange> Solve(int items, int groups, Func<int, int, double> cost)
    {
        var best = new double[groups + 1][];
        best[1] = new double[items];
        for (var first = 0; first < items; first++)
        {
            best[1][first] = cost(first, items);
        }

        for (var s = 2; s <= groups; s++)
        {
            best[s] = new double[items];
            for (var first = 0; first <= items - s; first++)
            {
                var value = double.PositiveInfinity;
                for (var end = first + 1; end <= items - s + 1; end++)
                {
                    value = Math.Min(value, Math.Max(cost(first, end), best[s - 1][end]));
                }

                best[s][first] = value;
            }
        }

        var optimum = best[groups][0];
        var ranges = new List<StageRange>(groups);
        var start = 0;
        for (var s = groups; s >= 2; s--)
        {
            var end = start + 1;
            while (!CostTolerance.AtMost(Math.Max(cost(start, end), best[s - 1][end]), optimum))
            {
                end++;
            }

            ranges.Add(new StageRange(start, end - start));
            start = end;
        }

        ranges.Add(new StageRange(start, items - start));
        return ranges;
    }
}
