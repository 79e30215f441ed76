using System.IO.Hashing;
using System.Runtime.InteropServices;
using ActorTrain.Torch;

namespace ActorTrain.Training.Links;

/// <summary>CRC-32C (Castagnoli), the checksum every link frame carries over its payload; computed by System.IO.Hashing.</summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);

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
}
