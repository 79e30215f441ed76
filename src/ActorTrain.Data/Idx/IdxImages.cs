namespace ActorTrain.Data.Idx;

/// <summary>The content of an IDX images file: <see cref="Count"/> images of <see cref="Rows"/> x <see cref="Columns"/> bytes, row-major, one after another.</summary>
public sealed class IdxImages
{
    public IdxImages(byte[] pixels, int count, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (pixels.LongLength != (long)count * rows * columns)
            throw new ArgumentException($"{count} images of {rows}x{columns} need {(long)count * rows * columns} bytes, got {pixels.LongLength}.", nameof(pixels));
        Pixels = pixels;
        Count = count;
        Rows = rows;
        Columns = columns;
    }

    public byte[] Pixels { get; }
    public int Count { get; }
    public int Rows { get; }
    public int Columns { get; }
}
