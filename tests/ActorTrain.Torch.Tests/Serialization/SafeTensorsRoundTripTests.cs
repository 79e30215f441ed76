using ActorTrain.Torch.Serialization;
using static ActorTrain.Torch.Tests.Serialization.SafeTensorsBytes;

namespace ActorTrain.Torch.Tests.Serialization;

public sealed class SafeTensorsRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_dtype_round_trips_bit_exactly_in_the_written_order()
    {
        SafeTensorsEntry[] entries =
        [
            Entry("w.f32", ScalarType.Float32, [2, 3],
                -0.0f, float.PositiveInfinity, float.Epsilon,
                BitConverter.Int32BitsToSingle(0x7FC0_1234), // quiet NaN with a payload
                BitConverter.Int32BitsToSingle(0x7F80_0001), // signalling NaN
                BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0000))), // negative NaN
            Entry("w.f64", ScalarType.Float64, [3], -0.0, BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF), double.MaxValue),
            Entry("steps", ScalarType.Int64, [2], long.MinValue, long.MaxValue),
            Entry("idx", ScalarType.Int32, [1, 2], int.MinValue, -1),
            Entry("bytes", ScalarType.UInt8, [256], Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()),
            Entry("mask", ScalarType.Bool, [3], true, false, true),
        ];
        var path = _dir.File("all.safetensors");

        SafeTensorsFile.Write(path, entries);
        var content = SafeTensorsFile.Read(path);

        Assert.Equal(entries.Select(e => e.Name), content.Entries.Select(e => e.Name));
        foreach (var (written, read) in entries.Zip(content.Entries)) AssertSameEntry(written, read);
        Assert.True(content.ChecksumVerified);
    }

    [Fact]
    public void Bytes_in_memory_are_the_files_bytes_and_are_checked_as_a_file_is()
    {
        SafeTensorsEntry[] entries = [Entry("w", ScalarType.Float32, [2], 1.5f, -2f), Entry("steps", ScalarType.Int64, [1], 42L)];
        var metadata = new Dictionary<string, string> { ["step"] = "24" };
        var path = _dir.File("memory.safetensors");
        SafeTensorsFile.Write(path, entries, metadata);

        var bytes = SafeTensorsFile.ToBytes(entries, metadata);
        var content = SafeTensorsFile.Read(bytes, "a snapshot");

        Assert.Equal(File.ReadAllBytes(path), bytes);
        foreach (var (written, read) in entries.Zip(content.Entries)) AssertSameEntry(written, read);
        Assert.Equal("24", content.Metadata["step"]);
        bytes[^1] ^= 1;
        Assert.Contains("data checksum mismatch", Assert.Throws<CheckpointFormatException>(() => SafeTensorsFile.Read(bytes, "a snapshot")).Message);
    }

    [Fact]
    public void Zero_dimensional_and_empty_tensors_round_trip()
    {
        SafeTensorsEntry[] entries =
        [
            Entry("scalar", ScalarType.Float32, [], 3.5f),
            Entry("empty", ScalarType.Float32, [0], Array.Empty<float>()),
            Entry("empty.rows", ScalarType.Int64, [3, 0], Array.Empty<long>()),
            Entry("after", ScalarType.UInt8, [2], (byte)7, (byte)9),
        ];
        var path = _dir.File("shapes.safetensors");

        SafeTensorsFile.Write(path, entries);
        var content = SafeTensorsFile.Read(path);

        foreach (var written in entries) AssertSameEntry(written, content.ByName[written.Name]);
        Assert.Equal(1, content.ByName["scalar"].ElementCount);
    }

    [Fact]
    public void A_file_without_tensors_keeps_its_metadata()
    {
        var path = _dir.File("empty.safetensors");

        SafeTensorsFile.Write(path, [], new Dictionary<string, string> { ["step"] = "0" });

        var content = SafeTensorsFile.Read(path);
        Assert.Empty(content.Entries);
        Assert.Equal("0", content.Metadata["step"]);
    }

    [Fact]
    public void Metadata_round_trips_without_the_checksum_keys()
    {
        var metadata = new Dictionary<string, string> { ["step"] = "1200", ["mode"] = "sync", ["note"] = "ünïcode \"quoted\" + <tags>" };
        var path = _dir.File("meta.safetensors");

        SafeTensorsFile.Write(path, [Entry("b", ScalarType.Float32, [1], 1f)], metadata);

        Assert.Equal(metadata.OrderBy(p => p.Key), SafeTensorsFile.Read(path).Metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public void The_same_content_always_gives_the_same_bytes()
    {
        var a = _dir.File("a.safetensors");
        var b = _dir.File("b.safetensors");
        SafeTensorsEntry[] entries = [Entry("w", ScalarType.Float32, [2], 1f, 2f)];

        SafeTensorsFile.Write(a, entries, new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" });
        SafeTensorsFile.Write(b, entries, new Dictionary<string, string> { ["y"] = "2", ["x"] = "1" });

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Writing_over_an_existing_file_replaces_it()
    {
        var path = _dir.File("w.safetensors");
        SafeTensorsFile.Write(path, [Entry("w", ScalarType.Float32, [1], 1f)]);

        SafeTensorsFile.Write(path, [Entry("v", ScalarType.Int64, [1], 2L)]);

        Assert.Equal(["v"], SafeTensorsFile.Read(path).Entries.Select(e => e.Name));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void A_file_written_by_another_tool_loads_only_when_checksums_are_not_required()
    {
        var path = _dir.File("foreign.safetensors");
        File.WriteAllBytes(path, HandmadeFile(
            """{"__metadata__":{"format":"pt"},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"a":{"dtype":"I32","shape":[],"data_offsets":[0,4]}}""",
            [7, 0, 0, 0, 0, 0, 0x80, 0x3F]));

        var e = Assert.Throws<CheckpointFormatException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("lacks the actortrain.sha256", e.Message);

        var content = SafeTensorsFile.Read(path, requireChecksum: false);
        Assert.False(content.ChecksumVerified);
        Assert.Equal(["b", "a"], content.Entries.Select(x => x.Name));
        Assert.Equal(1f, BitConverter.ToSingle(content.ByName["b"].Data.Span));
        Assert.Equal(7, BitConverter.ToInt32(content.ByName["a"].Data.Span));
        Assert.Equal("pt", content.Metadata["format"]);
    }

    private static void AssertSameEntry(SafeTensorsEntry expected, SafeTensorsEntry actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
    }
}
