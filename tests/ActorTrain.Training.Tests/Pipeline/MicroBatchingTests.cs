using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Tests.Pipeline;

public class MicroBatchingTests
{
    [Theory]
    [InlineData(128, 4, new long[] { 32, 32, 32, 32 })]
    [InlineData(10, 4, new long[] { 3, 3, 2, 2 })]
    [InlineData(3, 8, new long[] { 1, 1, 1 })]
    [InlineData(5, 1, new long[] { 5 })]
    public void Micro_batches_cover_the_batch_with_sizes_within_one(int count, int micro, long[] sizes)
    {
        var slices = MicroBatching.Slices(count, micro);

        Assert.Equal(sizes, slices.Select(s => s.Length));
        Assert.Equal(0, slices[0].Start);
        for (var i = 1; i < slices.Length; i++) Assert.Equal(slices[i - 1].Start + slices[i - 1].Length, slices[i].Start);
    }
}
