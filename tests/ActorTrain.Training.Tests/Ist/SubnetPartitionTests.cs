using ActorTrain.Data;
using ActorTrain.Training.Ist;

namespace ActorTrain.Training.Tests.Ist;

public sealed class SubnetPartitionTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(2048, 2)]
    [InlineData(7, 7)]
    [InlineData(5, 1)]
    [InlineData(33, 4)]
    public void Parts_are_disjoint_cover_every_neuron_and_differ_in_size_by_at_most_one(int neurons, int parts)
    {
        var partition = SubnetPartition.Draw(neurons, parts, new SeededRandom(3, 1));

        var all = Enumerable.Range(0, parts).SelectMany(w => partition[w]).ToList();
        Assert.Equal(Enumerable.Range(0, neurons), all.Order());
        var sizes = Enumerable.Range(0, parts).Select(w => partition[w].Count).ToList();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
        Assert.Equal(sizes.OrderDescending(), sizes);
        Assert.All(Enumerable.Range(0, parts), w => Assert.Equal(partition[w].Order(), partition[w]));
    }

    [Fact]
    public void The_first_parts_take_the_remainder()
    {
        Assert.Equal([4, 3, 3], SubnetPartition.Sizes(10, 3));
        Assert.Equal([1024, 1024], SubnetPartition.Sizes(2048, 2));
    }

    [Fact]
    public void A_seed_and_round_give_one_partition_and_another_round_a_different_one()
    {
        var first = SubnetPartition.Draw(64, 2, new SeededRandom(9, 0));
        var again = SubnetPartition.Draw(64, 2, new SeededRandom(9, 0));
        var next = SubnetPartition.Draw(64, 2, new SeededRandom(9, 1));

        Assert.Equal(first[0], again[0]);
        Assert.NotEqual(first[0], next[0]);
    }

    [Fact]
    public void More_workers_than_neurons_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => SubnetPartition.Draw(3, 4, new SeededRandom(1)));
        Assert.Contains("3 neurons cannot be shared by 4 workers", e.Message);
    }
}
