using ActorTrain.Data.Idx;

namespace ActorTrain.Data.Tests.Idx;

public sealed class IdxCorruptionTests : IDisposable
{
    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_labels_file_read_as_images_reports_both_magic_numbers()
    {
        var path = Write("labels-as-images", IdxBytes.File(LabelsMagic, [3], [1, 2, 3]));

        var e = AssertFormatError(path, () => IdxReader.ReadImages(path));

        Assert.Contains("bad magic number 0x00000801", e.Message);
        Assert.Contains("expected 0x00000803", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_idx_reports_its_magic_number()
    {
        var path = Write("text", "hello world, not idx"u8.ToArray());

        var e = AssertFormatError(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("bad magic number 0x68656C6C (not an IDX file), expected 0x00000801", e.Message);
    }

    [Fact]
    public void A_file_shorter_than_the_magic_number_is_reported()
    {
        var path = Write("tiny", [0, 0]);

        var e = AssertFormatError(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("too short: 2 bytes", e.Message);
    }

    [Fact]
    public void A_header_cut_inside_the_dimensions_is_reported()
    {
        var path = Write("cut-header", IdxBytes.File(ImagesMagic, [2, 28], []));

        var e = AssertFormatError(path, () => IdxReader.ReadImages(path));

        Assert.Contains("truncated header: expected 3 dimension sizes (16 bytes), found 12 bytes", e.Message);
    }

    [Fact]
    public void A_zero_image_side_is_reported()
    {
        var path = Write("zero-rows", IdxBytes.File(ImagesMagic, [1, 0, 28], []));

        var e = AssertFormatError(path, () => IdxReader.ReadImages(path));

        Assert.Contains("dimension 2 of 3 is 0", e.Message);
    }

    [Fact]
    public void A_dimension_beyond_int_range_is_reported()
    {
        var path = Write("huge", IdxBytes.File(LabelsMagic, [-1], []));

        var e = AssertFormatError(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("dimension 1 of 1 is 4294967295", e.Message);
    }

    [Fact]
    public void Dimensions_too_large_for_memory_are_reported_before_allocating()
    {
        var path = Write("too-big", IdxBytes.File(ImagesMagic, [100_000, 10_000, 28], []));

        var e = AssertFormatError(path, () => IdxReader.ReadImages(path));

        Assert.Contains("100000 x 10000 x 28 declare 28000000000 bytes", e.Message);
    }

    [Fact]
    public void A_truncated_raw_file_reports_expected_and_found_sizes()
    {
        var path = Write("truncated", IdxBytes.File(ImagesMagic, [2, 3, 3], new byte[17]));

        var e = AssertFormatError(path, () => IdxReader.ReadImages(path));

        Assert.Contains("truncated: the header declares 2 x 3 x 3 = 18 bytes of data, found 17", e.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_reported()
    {
        var full = IdxBytes.Gzip(IdxBytes.File(ImagesMagic, [100, 28, 28], SampleImages.Pixels(100)));
        var path = Write("truncated.gz", full[..(full.Length / 2)]);

        var e = AssertFormatError(path, () => IdxReader.ReadImages(path));

        Assert.Contains("truncated: the header declares 100 x 28 x 28 = 78400 bytes of data, found", e.Message);
        Assert.EndsWith("(after gzip decompression)", e.Message);
    }

    [Fact]
    public void A_raw_file_longer_than_its_dimensions_is_reported()
    {
        var path = Write("too-long", IdxBytes.File(LabelsMagic, [4], [1, 2, 3, 4, 5, 6]));

        var e = AssertFormatError(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("too long: the header declares 4 = 4 bytes of data, found 6 (2 extra)", e.Message);
    }

    [Fact]
    public void A_gzip_file_longer_than_its_dimensions_is_reported_after_decompression()
    {
        var path = Write("too-long.gz", IdxBytes.Gzip(IdxBytes.File(LabelsMagic, [4], [1, 2, 3, 4, 5])));

        var e = AssertFormatError(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("found 5 (1 extra) (after gzip decompression)", e.Message);
    }

    [Fact]
    public void Garbage_after_the_gzip_magic_bytes_is_reported_as_bad_gzip()
    {
        var path = Write("bad.gz", [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);

        var e = AssertFormatError(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("not a valid gzip stream", e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_dataset_error_naming_the_path()
    {
        var path = _dir.File("nope");

        var e = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void A_directory_in_place_of_a_file_is_a_dataset_error_naming_the_path()
    {
        var path = Directory.CreateDirectory(_dir.File("a-directory")).FullName;

        var e = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(path));

        Assert.StartsWith(path + ": ", e.Message);
    }

    private string Write(string name, byte[] content)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static DataFormatException AssertFormatError(string path, Action read)
    {
        var e = Assert.Throws<DataFormatException>(read);
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message);
        return e;
    }
}
