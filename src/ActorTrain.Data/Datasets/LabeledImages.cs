namespace ActorTrain.Data.Datasets;

/// <summary>
/// One split of a dataset: <see cref="Count"/> images of <see cref="Rows"/> x <see cref="Columns"/> byte pixels
/// (row-major, upright) and their labels in 0..<see cref="ClassCount"/>-1. Immutable, so loaders on many threads may share it.
/// </summary>
public sealed class LabeledImages
{
    private readonly byte[] _pixels;
    private readonly int[] _labels;

    public LabeledImages(string name, byte[] pixels, int[] labels, int rows, int columns, int classCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (pixels.LongLength != (long)labels.Length * rows * columns)
            throw new ArgumentException($"{name}: {labels.Length} labels need {(long)labels.Length * rows * columns} pixels of {rows}x{columns} images, got {pixels.LongLength}.", nameof(pixels));
        var bad = Array.FindIndex(labels, l => (uint)l >= (uint)classCount);
        if (bad >= 0)
            throw new ArgumentException($"{name}: label {labels[bad]} at index {bad} is outside 0..{classCount - 1}.", nameof(labels));

        Name = name;
        _pixels = pixels;
        _labels = labels;
        Rows = rows;
        Columns = columns;
        ClassCount = classCount;
    }

    /// <summary>The dataset and split, e.g. "fashion-mnist/train".</summary>
    public string Name { get; }
    public int Count => _labels.Length;
    public int Rows { get; }
    public int Columns { get; }
    public int FeatureCount => Rows * Columns;
    public int ClassCount { get; }

    /// <summary>All images, one after another.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;
    public ReadOnlySpan<int> Labels => _labels;

    public ReadOnlySpan<byte> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _pixels.AsSpan(index * FeatureCount, FeatureCount);
    }
}
