using System.Buffers.Binary;
using System.IO.Compression;

namespace ActorTrain.Data.Tests;

/// <summary>Hand-built IDX content, for files the writer would refuse to produce.</summary>
internal static class IdxBytes
{
    public static byte[] File(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        return memory.ToArray();
    }
}
