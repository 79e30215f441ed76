using System.Buffers.Binary;
using System.IO.Compression;

namespace ActorTrain.Data.Idx;

/// <summary>
/// Reads IDX images and labels, raw or gzip-compressed (recognised by the gzip magic bytes 1f 8b, not by
/// the file name). Any problem throws <see cref="DataFormatException"/> naming the file, what was expected
/// and what was found; a missing file throws <see cref="DatasetException"/>.
/// </summary>
public static class IdxReader
{
    public static IdxImages ReadImages(string path)
    {
        var (dims, data) = Read(path, IdxFormat.ImagesMagic);
        return new IdxImages(data, dims[0], dims[1], dims[2]);
    }

    public static byte[] ReadLabels(string path) => Read(path, IdxFormat.LabelsMagic).Data;

    private static (int[] Dimensions, byte[] Data) Read(string path, int expectedMagic)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new DatasetException($"{path}: file not found");
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            var gzip = StartsWithGzipMagic(file);
            using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
            return ReadBody(path, stream, expectedMagic, gzip ? " (after gzip decompression)" : "");
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"not a valid gzip stream: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    private static bool StartsWithGzipMagic(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        var gzip = file.Read(head) == 2 && head[0] == 0x1f && head[1] == 0x8b;
        file.Position = 0;
        return gzip;
    }

    private static (int[] Dimensions, byte[] Data) ReadBody(string path, Stream stream, int expectedMagic, string where)
    {
        Span<byte> magicBytes = stackalloc byte[4];
        var got = stream.ReadAtLeast(magicBytes, magicBytes.Length, throwOnEndOfStream: false);
        if (got < magicBytes.Length)
            throw new DataFormatException(path, $"too short: {got} bytes{where}, expected at least the 4-byte IDX magic number 0x{expectedMagic:X8}");
        var magic = BinaryPrimitives.ReadInt32BigEndian(magicBytes);
        if (magic != expectedMagic)
            throw new DataFormatException(path,
                $"bad magic number 0x{magic:X8} ({IdxFormat.Describe(magic)}), expected 0x{expectedMagic:X8} ({IdxFormat.Describe(expectedMagic)})");

        var dims = ReadDimensions(path, stream, IdxFormat.Rank(expectedMagic), where);
        var shape = string.Join(" x ", dims);
        var payload = dims.Aggregate(1L, (p, d) => p * d);
        if (payload > Array.MaxLength)
            throw new DataFormatException(path, $"dimensions {shape} declare {payload} bytes of data, more than one array can hold ({Array.MaxLength})");

        var data = new byte[payload];
        got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
            throw new DataFormatException(path, $"truncated: the header declares {shape} = {payload} bytes of data, found {got}{where}");
        var extra = CountRemaining(stream);
        if (extra > 0)
            throw new DataFormatException(path, $"too long: the header declares {shape} = {payload} bytes of data, found {payload + extra} ({extra} extra){where}");
        return (dims, data);
    }

    private static int[] ReadDimensions(string path, Stream stream, int rank, string where)
    {
        Span<byte> bytes = stackalloc byte[4 * rank];
        var got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (got < bytes.Length)
            throw new DataFormatException(path, $"truncated header: expected {rank} dimension sizes ({4 + bytes.Length} bytes), found {4 + got} bytes{where}");
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes[(4 * i)..]);
            // The first dimension is the sample count and may be 0; every other one is a shape and must not be.
            if (size > int.MaxValue || (i > 0 && size == 0))
                throw new DataFormatException(path, $"dimension {i + 1} of {rank} is {size}, expected 1..{int.MaxValue}");
            dims[i] = (int)size;
        }
        return dims;
    }

    private static long CountRemaining(Stream stream)
    {
        Span<byte> sink = stackalloc byte[4096];
        long total = 0;
        int n;
        while ((n = stream.Read(sink)) > 0) total += n;
        return total;
    }
}
