using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorTrain.Torch.Serialization;
using static ActorTrain.Torch.Tests.Serialization.SafeTensorsBytes;

namespace ActorTrain.Torch.Tests.Serialization;

/// <summary>The bytes on disk, checked against the safetensors specification rather than against our own reader.</summary>
public sealed class SafeTensorsLayoutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_file_follows_the_safetensors_layout()
    {
        var path = _dir.File("layout.safetensors");
        SafeTensorsFile.Write(path,
        [
            Entry("layer.0.weight", ScalarType.Float32, [2, 3], 1f, 2f, 3f, 4f, 5f, 6f),
            Entry("layer.0.bias", ScalarType.Float64, [2], 0.5, -0.5),
            Entry("count", ScalarType.UInt8, [3], (byte)1, (byte)2, (byte)3),
        ], new Dictionary<string, string> { ["step"] = "7" });
        var file = File.ReadAllBytes(path);

        var n = HeaderLength(file);
        Assert.Equal(0, n % 8);
        var headerText = Encoding.UTF8.GetString(file, 8, n);
        var json = headerText.TrimEnd(' ');
        Assert.StartsWith("{", json);
        Assert.EndsWith("}", json);
        Assert.InRange(n - json.Length, 0, 7);
        using var header = JsonDocument.Parse(headerText);
        var properties = header.RootElement.EnumerateObject().ToList();
        Assert.Equal(["__metadata__", "layer.0.weight", "layer.0.bias", "count"], properties.Select(p => p.Name));

        var weight = header.RootElement.GetProperty("layer.0.weight");
        Assert.Equal("F32", weight.GetProperty("dtype").GetString());
        Assert.Equal([2L, 3L], weight.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([[0L, 24L], [24L, 40L], [40L, 43L]], properties.Skip(1).Select(p => Offsets(p.Value)));
        Assert.Equal("F64", header.RootElement.GetProperty("layer.0.bias").GetProperty("dtype").GetString());
        Assert.Equal("U8", header.RootElement.GetProperty("count").GetProperty("dtype").GetString());

        var data = file.AsSpan(8 + n);
        Assert.Equal(43, data.Length);
        Assert.Equal(2f, BitConverter.ToSingle(data[4..8]));
        Assert.Equal(-0.5, BitConverter.ToDouble(data[32..40]));
        var metadata = header.RootElement.GetProperty("__metadata__");
        Assert.Equal("7", metadata.GetProperty("step").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), metadata.GetProperty("actortrain.sha256").GetString());
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_file_intact_and_no_temporary_file()
    {
        var path = _dir.File("model.safetensors");
        SafeTensorsFile.Write(path, [Entry("w", ScalarType.Float32, [1], 1f)]);
        var before = File.ReadAllBytes(path);

        Assert.Throws<InvalidOperationException>(() => SafeTensorsFile.Write(path, FailingAfterOne()));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void A_write_that_fails_halfway_through_the_file_never_replaces_the_target()
    {
        var path = _dir.File("model.safetensors");
        File.WriteAllText(path, "old");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Entries_whose_data_does_not_match_their_shape_are_refused_before_writing()
    {
        var path = _dir.File("bad.safetensors");

        var e = Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [Entry("w", ScalarType.Float32, [2, 2], 1f, 2f, 3f)]));

        Assert.Contains("tensor 'w' has 12 bytes of data but Float32 [2, 2] needs 16", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Duplicate_names_and_reserved_metadata_keys_are_refused()
    {
        var path = _dir.File("bad.safetensors");
        var w = Entry("w", ScalarType.Float32, [1], 1f);

        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [w, w])).Message);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() =>
            SafeTensorsFile.Write(path, [w], new Dictionary<string, string> { ["actortrain.sha256"] = "x" })).Message);
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [w with { Name = "__metadata__" }]));
    }

    private static long[] Offsets(JsonElement tensor) => tensor.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    private static IEnumerable<SafeTensorsEntry> FailingAfterOne()
    {
        yield return Entry("w", ScalarType.Float32, [1], 2f);
        throw new InvalidOperationException("producer failed");
    }
}
