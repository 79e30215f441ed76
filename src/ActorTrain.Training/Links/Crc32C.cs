using System.Runtime.InteropServices;
using ActorTrain.Torch;

namespace ActorTrain.Training.Links;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum every link frame carries over its payload.
/// Table-driven: the frames are small next to the compute they feed, and no hashing package is referenced.
/// </summary>
public static class Crc32C
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>The checksum of a tensor's elements as stored (float32 or float64: what links carry).</summary>
    public static uint Of(Tensor tensor)
    {
        switch (tensor.DType)
        {
            case ScalarType.Float32:
                var floats = tensor.ToArrayFloat();
                return Compute(MemoryMarshal.AsBytes(floats.AsSpan()));
            case ScalarType.Float64:
                var doubles = tensor.ToArrayDouble();
                return Compute(MemoryMarshal.AsBytes(doubles.AsSpan()));
            default:
                throw new NotSupportedException($"a link checksums float32 and float64 payloads, not {tensor.DType}");
        }
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
