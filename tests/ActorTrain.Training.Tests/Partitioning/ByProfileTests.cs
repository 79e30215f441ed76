using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Tests.Partitioning;

public sealed class ByProfileTests
{
    [Fact]
    public void Profiled_partition_minimises_the_slowest_stage()
    {
        // [1 2 3 | 4 5 | 6]: the slowest stage costs 9; any other cut makes one stage cost 10 or more.
        var partition = Partitioner.ByProfile(TestLayers.Timed(1, 2, 3, 4, 5, 6), 3);

        Assert.Equal([3, 2, 1], partition.Balance);
        Assert.Equal([6.0, 9.0, 6.0], partition.Stages.Select(stage => stage.CostMs));
    }

    [Fact]
    public void Profiled_partition_counts_forward_and_backward_time()
    {
        LayerCost[] layers =
        [
            new("a", 0, 1, 8, 0),
            new("b", 0, 4, 1, 0),
            new("c", 0, 4, 1, 0),
        ];

        Assert.Equal([1, 2], Partitioner.ByProfile(layers, 2).Balance);
    }

    [Fact]
    public void Equal_layers_break_ties_with_the_earliest_cuts()
    {
        // [5 | 5 | 5 5], [5 | 5 5 | 5] and [5 5 | 5 | 5] all cost 10 at worst; earlier stages stay light.
        var partition = Partitioner.ByProfile(TestLayers.Timed(5, 5, 5, 5), 3);

        Assert.Equal([1, 1, 2], partition.Balance);
    }

    [Fact]
    public void A_wide_boundary_moves_the_cut_to_a_narrow_one()
    {
        // At 1000 bytes/ms, cutting after l1 costs 5 ms of transfer, so the cut moves to after
        // l0, whose output is small: [1.1 | 3] beats [3.1 | 1].
        var layers = TestLayers.WideSecondBoundary();

        Assert.Equal([2, 2], Partitioner.ByProfile(layers, 2).Balance);

        var linked = Partitioner.ByProfile(layers, 2, new LinkCost(1000));

        Assert.Equal([1, 3], linked.Balance);
        Assert.Equal(1.1, linked.Stages[0].CostMs, 12);
        Assert.Equal(3.0, linked.Slowest.CostMs);
    }

    [Fact]
    public void A_link_of_infinite_bandwidth_ignores_transfers()
    {
        var partition = Partitioner.ByProfile(TestLayers.WideSecondBoundary(), 2, new LinkCost(double.PositiveInfinity));

        Assert.Equal([2, 2], partition.Balance);
    }

    [Fact]
    public void One_stage_takes_every_layer_and_sends_nothing()
    {
        var partition = Partitioner.ByProfile(TestLayers.Timed(1, 2, 3), 1, new LinkCost(1));

        Assert.Equal([new PartitionStage(0, new StageRange(0, 3), 0, 6.0, 0, 0.0)], partition.Stages);
    }

    [Fact]
    public void As_many_stages_as_layers_gives_each_layer_its_own_stage()
    {
        var partition = Partitioner.ByProfile(TestLayers.Timed(3, 1, 2), 3);

        Assert.Equal([new StageRange(0, 1), new StageRange(1, 1), new StageRange(2, 1)], partition.Stages.Select(stage => stage.Range));
    }

    [Fact]
    public void More_stages_than_layers_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Partitioner.ByProfile(TestLayers.Timed(1, 2, 3), 4));

        Assert.StartsWith("cannot split 3 layers into 4 stages: every stage needs at least one layer", error.Message);
    }

    [Fact]
    public void No_stages_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Partitioner.ByProfile(TestLayers.Timed(1), 0));
    }

    [Fact]
    public void An_empty_model_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Partitioner.ByProfile([], 1));

        Assert.StartsWith("the model has no layers to partition", error.Message);
    }

    [Fact]
    public void A_negative_layer_time_is_rejected_with_the_layer_named()
    {
        LayerCost[] layers = [new("l0", 0, 1, 0, 0), new("conv", 0, 1, -2, 0)];

        var error = Assert.Throws<ArgumentException>(() => Partitioner.ByProfile(layers, 1));

        Assert.StartsWith("layer 1 (conv) has a backward time of -2 ms; costs must be finite and not negative", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Profiled_partition_is_the_earliest_optimum_of_every_contiguous_cut(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            // Small integer costs and a power-of-two bandwidth keep every sum exact, so ties are real.
            var layers = Enumerable.Range(0, random.Next(1, 9))
                .Select(index => new LayerCost($"l{index}", 0, random.Next(0, 6), random.Next(0, 6), 4 * random.Next(0, 4)))
                .ToArray();
            var stages = random.Next(1, layers.Length + 1);
            var link = new LinkCost(4);

            var partition = Partitioner.ByProfile(layers, stages, link);

            var candidates = AllBalances(layers.Length, stages)
                .Select(balance => (balance, worst: Partitioner.ByBalance(layers, stages, balance, link).Slowest.CostMs))
                .ToArray();
            var optimum = candidates.Min(candidate => candidate.worst);
            Assert.Equal(optimum, partition.Slowest.CostMs);
            Assert.Equal(candidates.First(candidate => candidate.worst == optimum).balance, partition.Balance);
        }
    }

    /// <summary>Every way to cut <paramref name="layers"/> into <paramref name="stages"/> non-empty runs, earliest cuts first.</summary>
    private static IEnumerable<int[]> AllBalances(int layers, int stages)
    {
        if (stages == 1)
        {
            yield return [layers];
            yield break;
        }

        for (var first = 1; first <= layers - stages + 1; first++)
        {
            foreach (var rest in AllBalances(layers - first, stages - 1))
            {
                yield return [first, .. rest];
            }
        }
    }
}
