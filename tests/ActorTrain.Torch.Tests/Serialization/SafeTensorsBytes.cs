using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ActorTrain.Torch.Serialization;

namespace ActorTrain.Torch.Tests.Serialization;

/// <summary>Entries from typed values, and hand-built files that the writer would refuse to produce.</summary>
internal static class SafeTensorsBytes
{
    public static SafeTensorsEntry Entry<T>(string name, ScalarType type, long[] shape, params T[] values) where T : unmanaged =>
        new(name, type, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A file as another tool would write it: the header given as JSON text, padded to 8 bytes, then the data.</summary>
    public static byte[] HandmadeFile(string headerJson, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var padded = (header.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        header.CopyTo(bytes, 8);
        bytes.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        data.CopyTo(bytes, 8 + padded);
        return bytes;
    }

    public static int HeaderLength(byte[] file) => checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
}
