using System.Globalization;

namespace ActorTrain.Training.Partitioning;

/// <summary>
/// Cuts a model's layers into p contiguous stages, each with at least one layer. Every strategy
/// reports the same totals (through <paramref name="link"/> where given); they differ only in how
/// the cuts are chosen. Bad input throws <see cref="ArgumentException"/> whose message names what
/// was expected and what was found.
/// </summary>
internal static class Partitioner
{
    /// <summary>The cuts given explicitly as layers per stage (the configuration's <c>pipeline.balance</c>).</summary>
    public static Partition ByBalance(
        IReadOnlyList<LayerCost> layers, int stages, IReadOnlyList<int> balance, LinkCost? link = null)
    {
        var model = Prepare(layers, stages, link);
        ArgumentNullException.ThrowIfNull(balance);
        var listed = $"actortrain.pipeline.balance = [{string.Join(", ", balance.Select(count => count.ToString(CultureInfo.InvariantCulture)))}]";
        if (balance.Count != stages)
        {
            throw new ArgumentException($"{listed} lists {balance.Count} stages but the pipeline has {stages}", nameof(balance));
        }

        for (var stage = 0; stage < balance.Count; stage++)
        {
            if (balance[stage] < 1)
            {
                throw new ArgumentException(
                    $"{listed} gives stage {stage} {balance[stage]} layers but every stage needs at least one", nameof(balance));
            }
        }

        var covered = balance.Sum(count => (long)count);
        if (covered != layers.Count)
        {
            throw new ArgumentException($"{listed} covers {covered} layers but the model has {layers.Count}", nameof(balance));
        }

        var ranges = new List<StageRange>(stages);
        var first = 0;
        foreach (var count in balance)
        {
            ranges.Add(new StageRange(first, count));
            first += count;
        }

        return model.Build(ranges);
    }

    /// <summary>The contiguous cuts whose largest stage holds the fewest parameters: even memory without profiling.</summary>
    public static Partition ByParameters(IReadOnlyList<LayerCost> layers, int stages, LinkCost? link = null)
    {
        var model = Prepare(layers, stages, link);
        return model.Build(MinMaxContiguousPartition.Solve(layers.Count, stages, (first, end) => model.Parameters(first, end)));
    }

    /// <summary>
    /// The contiguous cuts whose slowest stage, counting the transfer of its boundary activations,
    /// is as fast as possible: exact, by dynamic programming. This is the async mode's "partition
    /// and merge" solved exactly; ties go to the earliest cuts.
    /// </summary>
    public static Partition ByProfile(IReadOnlyList<LayerCost> layers, int stages, LinkCost? link = null)
    {
        var model = Prepare(layers, stages, link);
        return model.Build(MinMaxContiguousPartition.Solve(layers.Count, stages, model.CostMs));
    }

    /// <summary>
    /// The same goal as <see cref="ByProfile"/> reached the way Akintoye et al. describe it: one
    /// group per layer, then greedy merges of the adjacent pair that leaves the smallest slowest
    /// stage. Never better than <see cref="ByProfile"/>, sometimes worse.
    /// </summary>
    public static Partition PartitionAndMerge(IReadOnlyList<LayerCost> layers, int stages, LinkCost? link = null)
    {
        var model = Prepare(layers, stages, link);
        return model.Build(AdjacentGroupMerge.Merge(model, stages));
    }

    private static StageCostModel Prepare(IReadOnlyList<LayerCost> layers, int stages, LinkCost? link)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("the model has no layers to partition", nameof(layers));
        }

        for (var index = 0; index < layers.Count; index++)
        {
            ValidateLayer(layers[index], index);
        }

        if (stages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stages), stages, $"a pipeline needs at least one stage, got {stages}");
        }

        if (stages > layers.Count)
        {
            throw new ArgumentException(
                $"cannot split {layers.Count} layers into {stages} stages: every stage needs at least one layer", nameof(stages));
        }

        return new StageCostModel(layers, link ?? LinkCost.Ignored);
    }

    private static void ValidateLayer(LayerCost? layer, int index)
    {
        if (layer is null)
        {
            throw new ArgumentException($"layer {index} is missing", "layers");
        }

        var problem =
            layer.Parameters < 0 ? $"{layer.Parameters} parameters"
            : !double.IsFinite(layer.ForwardMs) || layer.ForwardMs < 0 ? FormattableString.Invariant($"a forward time of {layer.ForwardMs} ms")
            : !double.IsFinite(layer.BackwardMs) || layer.BackwardMs < 0 ? FormattableString.Invariant($"a backward time of {layer.BackwardMs} ms")
            : layer.OutputBytes < 0 ? $"{layer.OutputBytes} output bytes"
            : null;
        if (problem is not null)
        {
            throw new ArgumentException($"layer {index} ({layer.Name}) has {problem}; costs must be finite and not negative", "layers");
        }
    }
}
