using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;

namespace ActorTrain.Data.Tests.Loading;

public class BatchLoaderTests
{
    private static BatchLoader Loader(int count, BatchLoaderOptions options) =>
        new(TinySplit.Make(count), TinySplit.Normalization, options);

    private static List<int[]> Orders(BatchLoader loader, int epoch) =>
        loader.Epoch(epoch).Select(b => b.FilledIndices.ToArray()).ToList();

    [Fact]
    public void Features_are_pixels_scaled_to_the_unit_interval_then_normalized()
    {
        var split = TinySplit.Make(10);
        var loader = new BatchLoader(split, TinySplit.Normalization, new BatchLoaderOptions { BatchSize = 4, Shuffle = false });

        var batch = loader.Epoch(0).First();

        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < split.FeatureCount; j++)
                Assert.Equal((split.Image(i)[j] / 255f - 0.25f) / 0.5f, batch.Features[i * split.FeatureCount + j], 1e-5f);
        }
        Assert.Equal([0L, 1, 2, 0], batch.FilledLabels.ToArray());
        Assert.Equal([0, 1, 2, 3], batch.FilledIndices.ToArray());
    }

    [Fact]
    public void An_epoch_ends_with_a_partial_batch_unless_it_is_dropped()
    {
        var keep = Loader(10, new BatchLoaderOptions { BatchSize = 4 });
        var drop = Loader(10, new BatchLoaderOptions { BatchSize = 4, DropLast = true });

        Assert.Equal([4, 4, 2], keep.Epoch(0).Select(b => b.Count));
        Assert.Equal([4, 4], drop.Epoch(0).Select(b => b.Count));
        Assert.Equal((3, 2), (keep.BatchesPerEpoch, drop.BatchesPerEpoch));
    }

    [Fact]
    public void Batches_know_their_epoch_and_position()
    {
        var loader = Loader(10, new BatchLoaderOptions { BatchSize = 4 });

        Assert.Equal([(2, 0), (2, 1), (2, 2)], loader.Epoch(2).Select(b => (b.Epoch, b.Index)));
    }

    [Fact]
    public void Without_shuffling_every_epoch_reads_the_split_in_order()
    {
        var loader = Loader(10, new BatchLoaderOptions { BatchSize = 4, Shuffle = false });

        Assert.Equal(Enumerable.Range(0, 10), Orders(loader, 0).SelectMany(o => o));
        Assert.Equal(Enumerable.Range(0, 10), Orders(loader, 5).SelectMany(o => o));
    }

    [Fact]
    public void A_shuffled_epoch_visits_every_sample_once()
    {
        var loader = Loader(100, new BatchLoaderOptions { BatchSize = 16, Seed = 3 });

        var order = Orders(loader, 0).SelectMany(o => o).ToList();

        Assert.NotEqual(Enumerable.Range(0, 100), order);
        Assert.Equal(Enumerable.Range(0, 100), order.Order());
    }

    [Fact]
    public void The_same_seed_and_epoch_give_the_same_order_in_a_fresh_loader()
    {
        var options = new BatchLoaderOptions { BatchSize = 16, Seed = 11 };

        Assert.Equal(Orders(Loader(100, options), 4), Orders(Loader(100, options), 4));
    }

    [Fact]
    public void Another_epoch_or_seed_gives_another_order()
    {
        var options = new BatchLoaderOptions { BatchSize = 100, Seed = 11 };
        var loader = Loader(100, options);

        Assert.NotEqual(Orders(loader, 0), Orders(loader, 1));
        Assert.NotEqual(Orders(loader, 0), Orders(Loader(100, options with { Seed = 12 }), 0));
    }

    [Fact]
    public void An_epoch_order_does_not_depend_on_the_epochs_visited_before()
    {
        var options = new BatchLoaderOptions { BatchSize = 8, Seed = 1 };
        var visited = Loader(50, options);
        for (var e = 0; e < 3; e++) _ = Orders(visited, e);

        Assert.Equal(Orders(Loader(50, options), 3), Orders(visited, 3));
    }

    [Fact]
    public void Fill_gives_any_batch_of_any_epoch_as_the_enumeration_does()
    {
        var loader = Loader(50, new BatchLoaderOptions { BatchSize = 8, Seed = 9 });
        var expected = loader.Epoch(2).Skip(4).First();
        var (features, labels, indices) = (expected.FilledFeatures.ToArray(), expected.FilledLabels.ToArray(), expected.FilledIndices.ToArray());
        var batch = loader.CreateBatch();

        loader.Fill(0, 1, batch);
        loader.Fill(2, 4, batch);

        Assert.Equal(indices, batch.FilledIndices.ToArray());
        Assert.Equal(labels, batch.FilledLabels.ToArray());
        Assert.Equal(features, batch.FilledFeatures.ToArray());
    }

    [Fact]
    public void Fill_refuses_a_batch_of_the_wrong_shape()
    {
        var loader = Loader(50, new BatchLoaderOptions { BatchSize = 8 });

        var e = Assert.Throws<ArgumentException>(() => loader.Fill(0, 0, new Batch(4, 20)));

        Assert.Contains("batch holds 4 x 20, this loader needs at least 8 x 20", e.Message);
    }

    [Fact]
    public void A_worker_index_outside_the_worker_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Loader(10, new BatchLoaderOptions { WorkerIndex = 2, WorkerCount = 2 }));
    }

    [Fact]
    public void An_epoch_allocates_nothing_per_batch_or_sample()
    {
        var small = LeastAllocatedByAnEpoch(20_000);
        var large = LeastAllocatedByAnEpoch(40_000);

        // The enumerator, the epoch's batch buffers (128 x 784 floats) and one random generator: fixed, not per sample.
        var batchBuffers = 128 * 784 * 4 + 128 * (8 + 4);
        Assert.InRange(small, 0, batchBuffers + 4_096);
        // Twice the samples is 157 more batches: not one more object (24 bytes at least) for each.
        Assert.InRange(large - small, -1_024, 1_024);
    }

    /// <summary>The fewest bytes this thread allocated over three epochs after a warm-up one: the runtime's own
    /// one-off allocations on this thread (tiered compilation) land in one epoch, not in all three.</summary>
    private static long LeastAllocatedByAnEpoch(int samples)
    {
        var loader = new BatchLoader(TinySplit.Make(samples, 28, 28), TinySplit.Normalization, new BatchLoaderOptions { BatchSize = 128, Seed = 2 });
        Drain(loader, 0);
        var least = long.MaxValue;
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Drain(loader, epoch);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    private static void Drain(BatchLoader loader, int epoch)
    {
        foreach (var batch in loader.Epoch(epoch)) _ = batch.Count;
    }
}
