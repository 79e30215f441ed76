using ActorTrain.Data.Datasets;

namespace ActorTrain.Data.Tests.Datasets;

public class SyntheticDatasetTests
{
    private static readonly DatasetRequest Small = new()
    {
        Name = DatasetCatalog.Synthetic, SyntheticTrainCount = 1_000, SyntheticTestCount = 300, SyntheticSeed = 5,
    };

    [Fact]
    public void The_same_seed_gives_the_same_bytes()
    {
        var a = DatasetCatalog.Load(Small);
        var b = DatasetCatalog.Load(Small);

        Assert.True(a.Train.Pixels.SequenceEqual(b.Train.Pixels));
        Assert.True(a.Test.Labels.SequenceEqual(b.Test.Labels));
    }

    [Fact]
    public void Another_seed_gives_other_data()
    {
        var a = DatasetCatalog.Load(Small);
        var b = DatasetCatalog.Load(Small with { SyntheticSeed = 6 });

        Assert.False(a.Train.Pixels.SequenceEqual(b.Train.Pixels));
    }

    [Fact]
    public void Train_and_test_are_different_samples_of_the_same_classes()
    {
        var data = DatasetCatalog.Load(Small);

        Assert.False(data.Train.Image(0).SequenceEqual(data.Test.Image(0)));
        Assert.Equal(Enumerable.Range(0, 10), data.Test.Labels.ToArray().Distinct().Order());
    }

    [Fact]
    public void Sizes_classes_and_features_follow_the_request()
    {
        var data = DatasetCatalog.Load(Small with { SyntheticTrainCount = 300, SyntheticTestCount = 40, SyntheticClasses = 3, SyntheticFeatures = 20 });

        Assert.Equal((300, 40, 3, 20), (data.Train.Count, data.Test.Count, data.ClassCount, data.FeatureCount));
        Assert.Equal((1, 20), (data.Rows, data.Columns));
    }

    [Fact]
    public void Square_feature_counts_make_square_images()
    {
        var data = DatasetCatalog.Load(Small);

        Assert.Equal((28, 28), (data.Rows, data.Columns));
    }

    [Fact]
    public void Limits_apply_to_synthetic_data_too()
    {
        var data = DatasetCatalog.Load(Small with { TrainLimit = 10, TestLimit = 3 });

        Assert.Equal((10, 3), (data.Train.Count, data.Test.Count));
    }

    // A nearest-centroid classifier is a linear model, so anything an MLP can learn it bounds from below.
    [Fact]
    public void The_classes_are_separable_well_above_95_percent()
    {
        var data = DatasetCatalog.Load(Small);
        var f = data.FeatureCount;
        var centroids = new double[data.ClassCount, f];
        var counts = new int[data.ClassCount];
        for (var n = 0; n < data.Train.Count; n++)
        {
            var label = data.Train.Labels[n];
            counts[label]++;
            var image = data.Train.Image(n);
            for (var j = 0; j < f; j++) centroids[label, j] += image[j];
        }

        var correct = 0;
        for (var n = 0; n < data.Test.Count; n++)
        {
            var image = data.Test.Image(n).ToArray();
            var best = Enumerable.Range(0, data.ClassCount).MinBy(c =>
            {
                double d = 0;
                for (var j = 0; j < f; j++) d += Math.Pow(image[j] - centroids[c, j] / counts[c], 2);
                return d;
            });
            if (best == data.Test.Labels[n]) correct++;
        }

        Assert.True(correct > 0.95 * data.Test.Count, $"{correct} of {data.Test.Count} right");
    }

    [Theory]
    [InlineData(1, 784, "synthetic classes must be 2..65536, got 1")]
    [InlineData(10, 0, "synthetic features must be 1..1048576, got 0")]
    public void Impossible_sizes_are_refused(int classes, int features, string message)
    {
        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.Load(Small with { SyntheticClasses = classes, SyntheticFeatures = features }));

        Assert.Equal(message, e.Message);
    }
}
