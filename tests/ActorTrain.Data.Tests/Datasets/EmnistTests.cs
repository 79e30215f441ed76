using ActorTrain.Data.Datasets;
using ActorTrain.Data.Idx;

namespace ActorTrain.Data.Tests.Datasets;

public sealed class EmnistTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private DatasetRequest Request(string split) => new() { Name = DatasetCatalog.Emnist, Path = _dir.Path, EmnistSplit = split };

    [Fact]
    public void Images_stored_transposed_load_upright()
    {
        SampleImages.WriteSplit(_dir.Path, "emnist-balanced-train", 12, classes: 47, transposed: true);
        SampleImages.WriteSplit(_dir.Path, "emnist-balanced-test", 5, classes: 47, transposed: true);

        var data = DatasetCatalog.Load(Request("balanced"));

        Assert.Equal(SampleImages.Pixels(12), data.Train.Pixels.ToArray());
        Assert.Equal(SampleImages.Pixel(3, 1, 2), data.Train.Image(3)[1 * 28 + 2]);
        Assert.Equal(("emnist-balanced", 47), (data.Name, data.ClassCount));
    }

    [Fact]
    public void Letters_labels_1_to_26_become_0_to_25()
    {
        SampleImages.WriteSplit(_dir.Path, "emnist-letters-train", 52, classes: 26, firstLabel: 1, transposed: true);
        SampleImages.WriteSplit(_dir.Path, "emnist-letters-test", 26, classes: 26, firstLabel: 1, transposed: true);

        var data = DatasetCatalog.Load(Request("letters"));

        Assert.Equal(26, data.ClassCount);
        Assert.Equal(Enumerable.Range(0, 52).Select(n => n % 26), data.Train.Labels.ToArray());
    }

    [Fact]
    public void A_letters_label_of_0_is_outside_the_split()
    {
        SampleImages.WriteSplit(_dir.Path, "emnist-letters-train", 26, classes: 26, firstLabel: 0, transposed: true);
        SampleImages.WriteSplit(_dir.Path, "emnist-letters-test", 26, classes: 26, firstLabel: 1, transposed: true);

        var e = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load(Request("letters")));

        Assert.Equal($"{_dir.File("emnist-letters-train-labels-idx1-ubyte")}: label 0 at index 0 is outside 1..26 (26 classes)", e.Message);
    }

    [Theory]
    [InlineData("balanced", 47)]
    [InlineData("byclass", 62)]
    [InlineData("bymerge", 47)]
    [InlineData("digits", 10)]
    [InlineData("mnist", 10)]
    public void Each_split_has_its_class_count(string split, int classes)
    {
        SampleImages.WriteSplit(_dir.Path, $"emnist-{split}-train", classes, classes, gzip: true);
        SampleImages.WriteSplit(_dir.Path, $"emnist-{split}-test", classes, classes, gzip: true);

        Assert.Equal(classes, DatasetCatalog.Load(Request(split)).ClassCount);
    }

    [Fact]
    public void Files_in_the_gzip_folder_of_the_official_archive_are_found()
    {
        var gzipFolder = Directory.CreateDirectory(_dir.File("gzip")).FullName;
        SampleImages.WriteSplit(gzipFolder, "emnist-digits-train", 10, 10, gzip: true);
        SampleImages.WriteSplit(gzipFolder, "emnist-digits-test", 10, 10, gzip: true);

        Assert.Equal(10, DatasetCatalog.Load(Request("digits")).Test.Count);
    }

    [Fact]
    public void An_unknown_split_lists_the_known_ones()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.Load(Request("bytes")));

        Assert.Equal("unknown EMNIST split 'bytes'; known: balanced, byclass, bymerge, letters, digits, mnist", e.Message);
    }

    [Fact]
    public void Corrupt_emnist_files_are_reported_like_any_idx_file()
    {
        SampleImages.WriteSplit(_dir.Path, "emnist-mnist-test", 10, 10);
        IdxWriter.WriteLabels(_dir.File("emnist-mnist-train-images-idx3-ubyte"), [1]);
        IdxWriter.WriteLabels(_dir.File("emnist-mnist-train-labels-idx1-ubyte"), [1]);

        var e = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load(Request("mnist")));

        Assert.StartsWith($"{_dir.File("emnist-mnist-train-images-idx3-ubyte")}: bad magic number 0x00000801", e.Message);
    }
}
