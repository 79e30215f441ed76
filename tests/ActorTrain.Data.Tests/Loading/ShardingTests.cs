using ActorTrain.Data.Loading;

namespace ActorTrain.Data.Tests.Loading;

public class ShardingTests
{
    [Theory]
    [InlineData(10, 3, false, new[] { 0, 4, 4, 3, 7, 3 })]
    [InlineData(10, 3, true, new[] { 0, 3, 3, 3, 6, 3 })]
    [InlineData(2, 4, false, new[] { 0, 1, 1, 1, 2, 0, 2, 0 })]
    public void Shards_are_contiguous_slices_of_the_epoch_order(int samples, int workers, bool equal, int[] startsAndSizes)
    {
        var plans = Enumerable.Range(0, workers).SelectMany(w =>
        {
            var p = ShardPlan.For(samples, w, workers, equal);
            return new[] { p.Start, p.Size };
        });

        Assert.Equal(startsAndSizes, plans);
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(100, 3)]
    [InlineData(101, 4)]
    [InlineData(7, 5)]
    [InlineData(3, 5)]
    public void Worker_shards_are_disjoint_and_cover_the_split(int samples, int workers)
    {
        for (var epoch = 0; epoch < 2; epoch++)
        {
            var shards = Enumerable.Range(0, workers).Select(w => Indices(samples, workers, w, epoch, dropLast: false)).ToList();

            Assert.Equal(Enumerable.Range(0, samples), shards.SelectMany(s => s).Order());
            Assert.InRange(shards.Max(s => s.Count) - shards.Min(s => s.Count), 0, 1);
        }
    }

    [Fact]
    public void Dropping_the_last_batch_gives_every_worker_the_same_number_of_full_batches()
    {
        var loaders = Enumerable.Range(0, 3)
            .Select(w => new BatchLoader(TinySplit.Make(103), TinySplit.Normalization,
                new BatchLoaderOptions { BatchSize = 8, Seed = 4, WorkerIndex = w, WorkerCount = 3, DropLast = true }))
            .ToList();

        Assert.All(loaders, l => Assert.Equal(4, l.BatchesPerEpoch));
        Assert.All(loaders, l => Assert.All(l.Epoch(0), b => Assert.Equal(8, b.Count)));
        var seen = loaders.SelectMany(l => l.Epoch(0).SelectMany(b => b.FilledIndices.ToArray())).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public void A_worker_reads_different_samples_each_shuffled_epoch()
    {
        Assert.NotEqual(Indices(100, 4, 1, epoch: 0, dropLast: false).Order(), Indices(100, 4, 1, epoch: 1, dropLast: false).Order());
    }

    private static List<int> Indices(int samples, int workers, int worker, int epoch, bool dropLast)
    {
        var loader = new BatchLoader(TinySplit.Make(samples), TinySplit.Normalization,
            new BatchLoaderOptions { BatchSize = 8, Seed = 21, WorkerIndex = worker, WorkerCount = workers, DropLast = dropLast });
        return loader.Epoch(epoch).SelectMany(b => b.FilledIndices.ToArray()).ToList();
    }
}
