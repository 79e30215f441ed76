using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Tests.Partitioning;

public sealed class PartitionFormatterTests
{
    [Fact]
    public void Partition_renders_as_an_aligned_table_with_one_row_per_stage()
    {
        LayerCost[] layers =
        [
            new("linear", 100_480, 1.0, 2.0, 65_536),
            new("relu", 0, 0.1, 0.1, 65_536),
            new("linear", 16_512, 0.5, 1.0, 8_192),
            new("relu", 0, 0.05, 0.05, 8_192),
            new("linear", 1_290, 0.1, 0.2, 1_280),
        ];
        var partition = Partitioner.ByBalance(layers, 2, [3, 2], new LinkCost(32_768));

        Assert.Equal(
            [
                "stage  layers                    parameters  compute ms  boundary bytes  cost ms",
                "    0  0-2 (linear,relu,linear)     116,992        4.70           8,192     4.95",
                "    1  3-4 (relu,linear)              1,290        0.40               -     0.40",
            ],
            PartitionFormatter.Format(partition));
    }

    [Fact]
    public void A_single_layer_stage_shows_its_index_without_a_range()
    {
        var partition = Partitioner.ByProfile(TestLayers.Timed(1, 2), 2);

        var lines = PartitionFormatter.Format(partition);

        Assert.StartsWith("    0  0 (l0)", lines[1]);
        Assert.StartsWith("    1  1 (l1)", lines[2]);
    }
}
