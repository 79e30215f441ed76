using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;

namespace ActorTrain.Data.Tests.Datasets;

/// <summary>Loads the real files once for every test in the class.</summary>
public sealed class FashionMnistFixture
{
    private readonly Lazy<Dataset> _data = new(() => DatasetCatalog.Load(new DatasetRequest()));

    public Dataset Data => _data.Value;
}

public class FashionMnistTests(FashionMnistFixture fixture) : IClassFixture<FashionMnistFixture>
{
    [FashionMnistFact]
    public void The_default_dataset_has_60000_training_and_10000_test_images_of_10_classes()
    {
        var data = fixture.Data;

        Assert.Equal(("fashion-mnist", 60_000, 10_000, 10, 28, 28), (data.Name, data.Train.Count, data.Test.Count, data.ClassCount, data.Rows, data.Columns));
    }

    [FashionMnistFact]
    public void Every_class_is_balanced()
    {
        var data = fixture.Data;

        Assert.All(data.Train.Labels.ToArray().CountBy(l => l), kv => Assert.Equal(6_000, kv.Value));
        Assert.All(data.Test.Labels.ToArray().CountBy(l => l), kv => Assert.Equal(1_000, kv.Value));
    }

    [FashionMnistFact]
    public void Normalization_matches_the_published_statistics()
    {
        // torchvision users normalize Fashion-MNIST with mean 0.2860 and std 0.3530.
        var n = fixture.Data.Normalization;

        Assert.Equal(0.2860f, n.Mean, 1e-4f);
        Assert.Equal(0.3530f, n.Std, 1e-4f);
    }

    [FashionMnistFact]
    public void Normalized_training_features_have_zero_mean_and_unit_variance()
    {
        var data = fixture.Data;
        var loader = new BatchLoader(data.Train, data.Normalization, new BatchLoaderOptions { BatchSize = 1_000 });
        double sum = 0, squares = 0;
        long n = 0;

        foreach (var batch in loader.Epoch(0))
        {
            foreach (var x in batch.FilledFeatures)
            {
                sum += x;
                squares += x * x;
            }
            n += batch.FilledFeatures.Length;
        }

        Assert.Equal(0.0, sum / n, 1e-4);
        Assert.Equal(1.0, squares / n - Math.Pow(sum / n, 2), 1e-4);
    }
}
