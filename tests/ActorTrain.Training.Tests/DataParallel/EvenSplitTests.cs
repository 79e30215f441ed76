using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Tests.DataParallel;

public sealed class EvenSplitTests
{
    [Theory]
    [InlineData(10, 3, new[] { 4, 3, 3 }, new[] { 0, 4, 7 })]
    [InlineData(9, 3, new[] { 3, 3, 3 }, new[] { 0, 3, 6 })]
    [InlineData(2, 3, new[] { 1, 1, 0 }, new[] { 0, 1, 2 })]
    [InlineData(7, 1, new[] { 7 }, new[] { 0 })]
    public void Parts_differ_by_at_most_one_and_the_first_take_the_remainder(int count, int parts, int[] sizes, int[] offsets)
    {
        Assert.Equal(sizes, EvenSplit.Sizes(count, parts));
        Assert.Equal(offsets, Enumerable.Range(0, parts).Select(i => EvenSplit.Offset(count, parts, i)));
    }
}
