using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Tests.Partitioning;

public sealed class PartitionAndMergeTests
{
    [Fact]
    public void Merging_finds_the_balanced_cut_of_a_simple_profile()
    {
        var partition = Partitioner.PartitionAndMerge(TestLayers.Timed(1, 2, 3, 4, 5, 6), 3);

        Assert.Equal([3, 2, 1], partition.Balance);
    }

    [Fact]
    public void Merging_prefers_the_cheaper_merge_when_the_slowest_stage_is_elsewhere()
    {
        // Merging (1, 1) or (1, 2) leaves 8 as the slowest; (1, 1) is the cheaper merge. Then
        // merging (2, 2) leaves 8 again, while (2, 8) would make 10.
        var partition = Partitioner.PartitionAndMerge(TestLayers.Timed(1, 1, 2, 8), 2);

        Assert.Equal([3, 1], partition.Balance);
        Assert.Equal(8.0, partition.Slowest.CostMs);
    }

    [Fact]
    public void Greedy_merging_can_miss_the_optimum_that_the_dynamic_program_finds()
    {
        // Merging (3, 2) first is the best single move (the slowest stays at 8), but then 7 must
        // join 5 (12) or 5 must join 8 (13): [7 3 2 | 8] costs 12, the exact [7 3 | 2 8] costs 10.
        var layers = TestLayers.Timed(7, 3, 2, 8);

        Assert.Equal([3, 1], Partitioner.PartitionAndMerge(layers, 2).Balance);
        Assert.Equal([2, 2], Partitioner.ByProfile(layers, 2).Balance);
    }

    [Fact]
    public void Merging_down_to_one_stage_per_layer_changes_nothing()
    {
        Assert.Equal([1, 1, 1], Partitioner.PartitionAndMerge(TestLayers.Timed(4, 5, 6), 3).Balance);
    }

    [Fact]
    public void Merging_counts_the_boundary_transfer()
    {
        var partition = Partitioner.PartitionAndMerge(TestLayers.WideSecondBoundary(), 2, new LinkCost(1000));

        Assert.Equal([1, 3], partition.Balance);
    }
}
