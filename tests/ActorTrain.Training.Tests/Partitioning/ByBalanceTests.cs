using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Tests.Partitioning;

public sealed class ByBalanceTests
{
    private static readonly LayerCost[] Layers =
    [
        new("linear", 100, 1.0, 2.0, 4000),
        new("relu", 0, 0.5, 0.5, 4000),
        new("linear", 50, 2.0, 4.0, 1000),
        new("relu", 0, 0.5, 0.5, 1000),
    ];

    [Fact]
    public void Balance_cuts_the_layers_as_listed_and_totals_each_stage()
    {
        var partition = Partitioner.ByBalance(Layers, 2, [3, 1], new LinkCost(500));

        Assert.Equal(
            [
                new PartitionStage(0, new StageRange(0, 3), 150, 10.0, 1000, 2.0),
                new PartitionStage(1, new StageRange(3, 1), 0, 1.0, 0, 0.0),
            ],
            partition.Stages);
        Assert.Equal([3, 1], partition.Balance);
        Assert.Equal(12.0, partition.Slowest.CostMs);
    }

    [Fact]
    public void Balance_totals_ignore_transfers_when_no_link_is_given()
    {
        var partition = Partitioner.ByBalance(Layers, 2, [1, 3]);

        Assert.Equal(4000, partition.Stages[0].BoundaryBytes);
        Assert.Equal(0, partition.Stages[0].TransferMs);
        Assert.Equal(3.0, partition.Stages[0].CostMs);
    }

    [Fact]
    public void Balance_that_covers_too_few_layers_names_both_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => Partitioner.ByBalance(Layers, 2, [2, 1]));

        Assert.StartsWith("actortrain.pipeline.balance = [2, 1] covers 3 layers but the model has 4", error.Message);
    }

    [Fact]
    public void Balance_with_the_wrong_number_of_stages_names_both_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => Partitioner.ByBalance(Layers, 2, [2, 1, 1]));

        Assert.StartsWith("actortrain.pipeline.balance = [2, 1, 1] lists 3 stages but the pipeline has 2", error.Message);
    }

    [Fact]
    public void Balance_that_leaves_a_stage_empty_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Partitioner.ByBalance(Layers, 2, [4, 0]));

        Assert.StartsWith("actortrain.pipeline.balance = [4, 0] gives stage 1 0 layers but every stage needs at least one", error.Message);
    }
}
