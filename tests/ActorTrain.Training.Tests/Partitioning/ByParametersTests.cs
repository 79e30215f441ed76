using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Tests.Partitioning;

public sealed class ByParametersTests
{
    [Fact]
    public void Mlp6_in_two_stages_cuts_after_the_third_linear_layer()
    {
        var partition = Partitioner.ByParameters(TestLayers.Mlp6(), 2);

        Assert.Equal([5, 6], partition.Balance);
        Assert.Equal([2_903_040L, 2_109_450L], partition.Stages.Select(stage => stage.Parameters));
    }

    [Fact]
    public void Mlp6_in_three_stages_pairs_the_linear_layers()
    {
        var partition = Partitioner.ByParameters(TestLayers.Mlp6(), 3);

        Assert.Equal([3, 4, 4], partition.Balance);
        Assert.Equal([1_853_440L, 2_099_200L, 1_059_850L], partition.Stages.Select(stage => stage.Parameters));
    }

    [Fact]
    public void Parameter_free_layers_go_to_the_later_stage_when_the_cut_could_fall_either_side()
    {
        LayerCost[] layers =
        [
            new("linear", 100, 0, 0, 0),
            new("relu", 0, 0, 0, 0),
            new("linear", 100, 0, 0, 0),
            new("relu", 0, 0, 0, 0),
        ];

        Assert.Equal([1, 3], Partitioner.ByParameters(layers, 2).Balance);
    }

    [Fact]
    public void One_huge_layer_gets_a_stage_of_its_own()
    {
        LayerCost[] layers =
        [
            new("a", 10, 0, 0, 0),
            new("b", 10, 0, 0, 0),
            new("huge", 1000, 0, 0, 0),
            new("c", 10, 0, 0, 0),
        ];

        var partition = Partitioner.ByParameters(layers, 3);

        Assert.Equal([2, 1, 1], partition.Balance);
        Assert.Equal(1000, partition.Stages.Max(stage => stage.Parameters));
    }
}
