using ActorTrain.Data.Idx;

namespace ActorTrain.Data.Tests.Idx;

public sealed class IdxRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_read_back_as_written(bool gzip)
    {
        var pixels = Enumerable.Range(0, 3 * 4 * 5).Select(i => (byte)(i * 11)).ToArray();
        var path = _dir.File("images");

        IdxWriter.WriteImages(path, pixels, count: 3, rows: 4, columns: 5, gzip);
        var images = IdxReader.ReadImages(path);

        Assert.Equal((3, 4, 5), (images.Count, images.Rows, images.Columns));
        Assert.Equal(pixels, images.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_read_back_as_written(bool gzip)
    {
        byte[] labels = [0, 9, 3, 255, 7];
        var path = _dir.File("labels");

        IdxWriter.WriteLabels(path, labels, gzip);

        Assert.Equal(labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Gzip_is_recognised_by_its_magic_bytes_not_by_the_file_name()
    {
        var gzipped = _dir.File("labels-without-extension");
        var raw = _dir.File("labels.gz");
        IdxWriter.WriteLabels(gzipped, [1, 2, 3], gzip: true);
        IdxWriter.WriteLabels(raw, [4, 5], gzip: false);

        Assert.Equal([1, 2, 3], IdxReader.ReadLabels(gzipped));
        Assert.Equal([4, 5], IdxReader.ReadLabels(raw));
    }

    [Fact]
    public void A_file_with_zero_samples_is_valid()
    {
        var path = _dir.File("empty-images");

        IdxWriter.WriteImages(path, [], count: 0, rows: 28, columns: 28);

        Assert.Equal(0, IdxReader.ReadImages(path).Count);
    }

    [Fact]
    public void The_writer_refuses_pixels_that_do_not_match_the_dimensions()
    {
        var e = Assert.Throws<ArgumentException>(() => IdxWriter.WriteImages(_dir.File("x"), new byte[10], 1, 3, 3));

        Assert.Contains("need 9 bytes, got 10", e.Message);
    }
}
