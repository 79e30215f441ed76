namespace ActorTrain.Data.Loading;

/// <summary>
/// One mini-batch in reusable buffers: the first <see cref="Count"/> rows of <see cref="Features"/> (normalized float32,
/// <see cref="FeatureCount"/> per sample), <see cref="Labels"/> (int64 class indices) and <see cref="Indices"/> (the
/// samples' positions in the split, all a decoupled stage needs to find its own inputs). A loader refills the same
/// instance for the next batch, so copy what must outlive it (a tensor made from it is such a copy).
/// </summary>
public sealed class Batch
{
    public Batch(int capacity, int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if ((long)capacity * featureCount > Array.MaxLength)
            throw new ArgumentException($"{capacity} samples x {featureCount} features do not fit in one array.", nameof(capacity));
        Capacity = capacity;
        FeatureCount = featureCount;
        Features = new float[capacity * featureCount];
        Labels = new long[capacity];
        Indices = new int[capacity];
    }

    public int Capacity { get; }
    public int FeatureCount { get; }

    /// <summary>Capacity x FeatureCount floats, row-major; rows past <see cref="Count"/> hold stale data.</summary>
    public float[] Features { get; }
    public long[] Labels { get; }
    public int[] Indices { get; }

    /// <summary>How many samples are filled; less than <see cref="Capacity"/> only for an epoch's last, partial batch.</summary>
    public int Count { get; internal set; }

    public int Epoch { get; internal set; }

    /// <summary>The batch's position in its epoch (of this worker's shard), from 0.</summary>
    public int Index { get; internal set; }

    public Span<float> FilledFeatures => Features.AsSpan(0, Count * FeatureCount);
    public Span<long> FilledLabels => Labels.AsSpan(0, Count);
    public Span<int> FilledIndices => Indices.AsSpan(0, Count);
}
