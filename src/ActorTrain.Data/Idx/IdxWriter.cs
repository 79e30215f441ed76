using System.Buffers.Binary;
using System.IO.Compression;

namespace ActorTrain.Data.Idx;

/// <summary>Writes IDX images and labels, raw or gzip-compressed: for tests, and for exporting a dataset subset in the format every MNIST tool reads.</summary>
public static class IdxWriter
{
    public static void WriteImages(string path, ReadOnlySpan<byte> pixels, int count, int rows, int columns, bool gzip = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (pixels.Length != (long)count * rows * columns)
            throw new ArgumentException($"{count} images of {rows}x{columns} need {(long)count * rows * columns} bytes, got {pixels.Length}.", nameof(pixels));
        Write(path, IdxFormat.ImagesMagic, [count, rows, columns], pixels, gzip);
    }

    public static void WriteLabels(string path, ReadOnlySpan<byte> labels, bool gzip = false) =>
        Write(path, IdxFormat.LabelsMagic, [labels.Length], labels, gzip);

    private static void Write(string path, int magic, ReadOnlySpan<int> dims, ReadOnlySpan<byte> data, bool gzip)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Span<byte> header = stackalloc byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header[(4 + 4 * i)..], dims[i]);

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        using var stream = gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : (Stream)file;
        stream.Write(header);
        stream.Write(data);
    }
}
