using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;

namespace ActorTrain.Data.Tests.Loading;

public class GatherTests
{
    private static readonly BatchLoader Loader = new(TinySplit.Make(40), TinySplit.Normalization, new BatchLoaderOptions { BatchSize = 8, Seed = 5 });

    [Fact]
    public void Gather_returns_what_the_batch_holds_for_the_same_indices()
    {
        var batch = Loader.Epoch(1).Skip(2).First();
        var features = new float[8 * 20];
        var labels = new long[8];

        Loader.Gather(batch.FilledIndices, features, labels);

        Assert.Equal(batch.FilledFeatures.ToArray(), features);
        Assert.Equal(batch.FilledLabels.ToArray(), labels);
    }

    [Fact]
    public void Gather_keeps_the_given_order_and_repeats()
    {
        var features = new float[3 * 20];
        var labels = new long[3];

        Loader.Gather([5, 1, 5], features, labels);

        Assert.Equal([2L, 1, 2], labels);
        Assert.Equal(features[..20], features[40..]);
        Assert.Equal((5 * 7 / 255f - 0.25f) / 0.5f, features[0], 1e-5f);
    }

    [Fact]
    public void Gather_refuses_an_index_outside_the_split()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Loader.Gather([0, 40], new float[40], new long[2]));

        Assert.Contains("sample index outside 0..39 of tiny/train", e.Message);
    }

    [Fact]
    public void Gather_refuses_buffers_too_small_for_the_indices()
    {
        Assert.Throws<ArgumentException>(() => Loader.Gather([0, 1], new float[39], new long[2]));
        Assert.Throws<ArgumentException>(() => Loader.Gather([0, 1], new float[40], new long[1]));
    }

    // 256 + 13 features: every byte value, through the vector loop and the scalar tail.
    [Fact]
    public void Every_byte_value_normalizes_like_the_formula()
    {
        var pixels = Enumerable.Range(0, 269).Select(j => (byte)(j % 256)).ToArray();
        var split = new LabeledImages("all-bytes/train", pixels, [0], 1, 269, classCount: 1);
        var normalization = new Normalization(0.2860f, 0.3530f);
        var loader = new BatchLoader(split, normalization, new BatchLoaderOptions { BatchSize = 1 });
        var features = new float[269];

        loader.Gather([0], features, new long[1]);

        for (var j = 0; j < 269; j++) Assert.Equal(normalization.Apply(pixels[j]), features[j], 1e-5f);
    }
}
