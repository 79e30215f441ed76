using System.Security.Cryptography;
using ActorTrain.Torch.Serialization;
using static ActorTrain.Torch.Tests.Serialization.SafeTensorsBytes;

namespace ActorTrain.Torch.Tests.Serialization;

public sealed class SafeTensorsCorruptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_flipped_data_byte_is_refused_with_both_checksums_and_the_file_name()
    {
        var path = WriteSample("flipped-data.safetensors");
        var file = File.ReadAllBytes(path);
        var expected = Convert.ToHexStringLower(SHA256.HashData(file.AsSpan(8 + HeaderLength(file))));
        file[^5] ^= 0x01;
        var found = Convert.ToHexStringLower(SHA256.HashData(file.AsSpan(8 + HeaderLength(file))));
        File.WriteAllBytes(path, file);

        var e = Read(path);

        Assert.Contains($"data checksum mismatch: expected sha256 {expected}, found {found}", e.Message);
    }

    [Fact]
    public void A_truncated_file_is_refused_wherever_it_is_cut()
    {
        var path = WriteSample("whole.safetensors");
        var file = File.ReadAllBytes(path);
        var n = HeaderLength(file);

        foreach (var length in new[] { 0, 5, 8, 8 + n / 2, 8 + n, 8 + n + 3, file.Length - 1 })
        {
            var cut = _dir.File($"cut-{length}.safetensors");
            File.WriteAllBytes(cut, file[..length]);
            Read(cut);
        }
    }

    [Fact]
    public void Bytes_appended_to_a_file_are_refused()
    {
        var path = WriteSample("longer.safetensors");
        File.AppendAllText(path, "junk");

        Assert.Contains("data length mismatch: the header describes", Read(path).Message);
    }

    [Fact]
    public void Any_flipped_bit_in_the_length_or_header_is_refused()
    {
        var path = WriteSample("original.safetensors");
        var original = File.ReadAllBytes(path);
        var damaged = _dir.File("damaged.safetensors");

        for (var i = 0; i < 8 + HeaderLength(original); i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x04, 0x20, 0x80 })
            {
                var file = (byte[])original.Clone();
                file[i] ^= mask;
                File.WriteAllBytes(damaged, file);
                Read(damaged);
            }
        }
    }

    [Fact]
    public void A_changed_dtype_with_the_same_size_is_caught_by_the_header_checksum()
    {
        var path = WriteSample("dtype.safetensors");
        var file = File.ReadAllBytes(path);
        var at = IndexOf(file, "\"F32\""u8);
        file[at + 1] = (byte)'I';
        File.WriteAllBytes(path, file);

        Assert.Contains("header checksum mismatch: expected sha256 ", Read(path).Message);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8,
        "tensor 'b' data_offsets [4, 8] overlap tensor 'a' [0, 8]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12,
        "tensor 'b' data_offsets [8, 12] leave a gap of 4 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 8,
        "tensor 'a' data_offsets [0, 16] run past the 8-byte data section")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,0]}}""", 8, "tensor 'a' data_offsets [4, 0] end before they begin")]
    [InlineData("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "span 8 bytes but F32 [3] needs 12")]
    [InlineData("""{"a":{"dtype":"F16","shape":[4],"data_offsets":[0,8]}}""", 8, "tensor 'a' has unsupported dtype 'F16'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "shape entry that is not a non-negative integer")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}""", 8, "is too large")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "invalid JSON header")]
    [InlineData("""[1,2,3]""", 0, "invalid JSON header: expected an object")]
    [InlineData("""{"__metadata__":{"step":7}}""", 0, "metadata 'step' is not a string")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""", 8, "invalid JSON header")]
    public void A_header_that_breaks_the_format_rules_is_refused(string header, int dataLength, string problem)
    {
        var path = _dir.File("handmade.safetensors");
        File.WriteAllBytes(path, HandmadeFile(header, new byte[dataLength]));

        var e = Assert.Throws<CheckpointFormatException>(() => SafeTensorsFile.Read(path, requireChecksum: false));

        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void A_header_length_beyond_the_file_or_the_limit_is_a_bad_header_length()
    {
        var path = _dir.File("length.safetensors");
        File.WriteAllBytes(path, [0x00, 0x10, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}']);
        Assert.Contains("bad header length: 4096 bytes, but only 2 follow it", Read(path).Message);

        using (var stream = File.Create(path))
        {
            stream.Write(BitConverter.GetBytes(SafeTensorsHeader.MaxLength + 1));
            stream.SetLength(8 + SafeTensorsHeader.MaxLength + 1);
        }
        Assert.Contains("exceeds the 100000000-byte limit", Read(path).Message);
    }

    private string WriteSample(string name)
    {
        var path = _dir.File(name);
        SafeTensorsFile.Write(path,
        [
            Entry("fc.weight", ScalarType.Float32, [2, 2], 0.25f, -1f, 3f, 1e-30f),
            Entry("fc.bias", ScalarType.Float32, [2], 0f, 1f),
            Entry("step", ScalarType.Int64, [], 42L),
        ], new Dictionary<string, string> { ["mode"] = "sync" });
        return path;
    }

    /// <summary>Reads a damaged file and checks that the refusal names it.</summary>
    private static CheckpointFormatException Read(string path)
    {
        var e = Assert.Throws<CheckpointFormatException>(() => SafeTensorsFile.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        return e;
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
