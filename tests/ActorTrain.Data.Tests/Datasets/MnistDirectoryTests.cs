using ActorTrain.Data.Datasets;
using ActorTrain.Data.Idx;

namespace ActorTrain.Data.Tests.Datasets;

public sealed class MnistDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private DatasetRequest Request => new() { Name = DatasetCatalog.Mnist, Path = _dir.Path };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_and_test_load_from_a_directory_of_idx_files(bool gzip)
    {
        SampleImages.WriteSplit(_dir.Path, "train", 50, classes: 10, gzip: gzip);
        SampleImages.WriteSplit(_dir.Path, "t10k", 20, classes: 10, gzip: gzip);

        var data = DatasetCatalog.Load(Request);

        Assert.Equal(("mnist", 50, 20, 10, 784), (data.Name, data.Train.Count, data.Test.Count, data.ClassCount, data.FeatureCount));
        Assert.Equal("mnist/train", data.Train.Name);
        Assert.Equal(SampleImages.Pixels(50), data.Train.Pixels.ToArray());
        Assert.Equal(Enumerable.Range(0, 20).Select(n => n % 10), data.Test.Labels.ToArray());
    }

    [Fact]
    public void The_dotted_file_names_some_mirrors_use_are_found_too()
    {
        SampleImages.WriteSplit(_dir.Path, "train", 10, classes: 10);
        SampleImages.WriteSplit(_dir.Path, "t10k", 10, classes: 10);
        File.Move(_dir.File("train-images-idx3-ubyte"), _dir.File("train-images.idx3-ubyte"));

        Assert.Equal(10, DatasetCatalog.Load(Request).Train.Count);
    }

    [Fact]
    public void Limits_keep_the_first_samples_of_each_split()
    {
        SampleImages.WriteSplit(_dir.Path, "train", 50, classes: 10);
        SampleImages.WriteSplit(_dir.Path, "t10k", 20, classes: 10);

        var data = DatasetCatalog.Load(Request with { TrainLimit = 7, TestLimit = 100 });

        Assert.Equal((7, 20), (data.Train.Count, data.Test.Count));
        Assert.Equal(SampleImages.Pixels(7), data.Train.Pixels.ToArray());
    }

    [Fact]
    public void A_label_count_different_from_the_image_count_names_both_files()
    {
        SampleImages.WriteSplit(_dir.Path, "train", 10, classes: 10);
        SampleImages.WriteSplit(_dir.Path, "t10k", 10, classes: 10);
        IdxWriter.WriteLabels(_dir.File("t10k-labels-idx1-ubyte"), SampleImages.Labels(9, 10));

        var e = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load(Request));

        Assert.Equal(
            $"{_dir.File("t10k-labels-idx1-ubyte")}: 9 labels, expected 10 (the image count of {_dir.File("t10k-images-idx3-ubyte")})",
            e.Message);
    }

    [Fact]
    public void A_label_outside_the_classes_is_reported_with_its_position()
    {
        SampleImages.WriteSplit(_dir.Path, "train", 10, classes: 10);
        SampleImages.WriteSplit(_dir.Path, "t10k", 10, classes: 10);
        IdxWriter.WriteLabels(_dir.File("train-labels-idx1-ubyte"), [0, 1, 2, 10, 4, 5, 6, 7, 8, 9]);

        var e = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load(Request));

        Assert.Equal($"{_dir.File("train-labels-idx1-ubyte")}: label 10 at index 3 is outside 0..9 (10 classes)", e.Message);
    }

    [Fact]
    public void Images_of_the_wrong_size_are_reported()
    {
        SampleImages.WriteSplit(_dir.Path, "t10k", 10, classes: 10);
        IdxWriter.WriteImages(_dir.File("train-images-idx3-ubyte"), new byte[2 * 32 * 32], 2, 32, 32);
        IdxWriter.WriteLabels(_dir.File("train-labels-idx1-ubyte"), [1, 2]);

        var e = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load(Request));

        Assert.Equal($"{_dir.File("train-images-idx3-ubyte")}: images are 32x32, expected 28x28", e.Message);
    }

    [Fact]
    public void A_missing_split_names_the_file_and_the_directory()
    {
        SampleImages.WriteSplit(_dir.Path, "train", 10, classes: 10);

        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.Load(Request));

        Assert.Equal($"mnist/test: neither t10k-images-idx3-ubyte nor t10k-images-idx3-ubyte.gz found in {_dir.Path}", e.Message);
    }

    [Fact]
    public void A_missing_directory_is_reported()
    {
        var missing = _dir.File("absent");

        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.Load(Request with { Path = missing }));

        Assert.Equal($"mnist: directory {missing} not found", e.Message);
    }

    [Fact]
    public void Mnist_without_a_path_asks_for_one()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.Load(new DatasetRequest { Name = DatasetCatalog.Mnist }));

        Assert.StartsWith("mnist has no default location", e.Message);
    }

    [Fact]
    public void An_unknown_dataset_lists_the_known_ones()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.Load(new DatasetRequest { Name = "cifar" }));

        Assert.Equal("unknown dataset 'cifar'; known: fashion-mnist, mnist, emnist, synthetic", e.Message);
    }

    [Fact]
    public void A_negative_limit_is_refused()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.Load(Request with { TrainLimit = -1 }));

        Assert.Contains("limits must be 0 (all) or positive", e.Message);
    }
}
