using System.Runtime.CompilerServices;
using ActorTrain.Data.Datasets;

namespace ActorTrain.Data.Loading;

/// <summary>
/// Cuts one split into mini-batches of normalized float32 features and int64 labels. The order of an epoch depends only
/// on (seed, epoch), so any process that asks for batch k of epoch e gets the same samples; with several workers each
/// reads its own disjoint shard of that order. Batches are written into preallocated buffers: after construction the
/// hot path allocates nothing per batch or per sample.
/// </summary>
/// <remarks>
/// A loader keeps the current epoch's order, so use one loader per thread; <see cref="Gather"/> only reads and may be
/// called from any thread.
/// </remarks>
public sealed class BatchLoader
{
    // Samples ahead whose pixels are requested from memory while the current one is converted (2 to 8 measured alike).
    private const int PrefetchDistance = 3;

    private readonly LabeledImages _split;
    private readonly PixelNormalizer _normalizer;
    private readonly ShardPlan _shard;
    private readonly int[] _order;
    private int _orderEpoch = -1;

    public BatchLoader(LabeledImages split, Normalization normalization, BatchLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize, "options.BatchSize");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.WorkerCount, "options.WorkerCount");
        if ((uint)options.WorkerIndex >= (uint)options.WorkerCount)
            throw new ArgumentOutOfRangeException("options.WorkerIndex", options.WorkerIndex, $"must be 0..{options.WorkerCount - 1}");
        if (!(normalization.Std > 0) || !float.IsFinite(normalization.Mean))
            throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "needs a finite mean and a positive std");

        _split = split;
        _normalizer = new PixelNormalizer(normalization);
        Normalization = normalization;
        Options = options;
        _shard = ShardPlan.For(split.Count, options.WorkerIndex, options.WorkerCount, equalSizes: options.DropLast);
        BatchesPerEpoch = options.DropLast
            ? _shard.Size / options.BatchSize
            : (_shard.Size + options.BatchSize - 1) / options.BatchSize;
        _order = new int[split.Count];
        ResetToIdentity();
    }

    public LabeledImages Split => _split;
    public Normalization Normalization { get; }
    public BatchLoaderOptions Options { get; }
    public int FeatureCount => _split.FeatureCount;

    /// <summary>Samples this worker reads per epoch (before a partial last batch is dropped).</summary>
    public int ShardSize => _shard.Size;

    public int BatchesPerEpoch { get; }

    /// <summary>A batch with room for <see cref="BatchLoaderOptions.BatchSize"/> samples of this split.</summary>
    public Batch CreateBatch() => new(Options.BatchSize, FeatureCount);

    /// <summary>
    /// The epoch's batches, in order, all written into one <see cref="Batch"/> that is refilled on each step:
    /// consume a batch before asking for the next.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Batches(epoch, CreateBatch());
    }

    /// <summary>Writes batch <paramref name="batchIndex"/> of <paramref name="epoch"/> into <paramref name="batch"/>: random access, e.g. to resume mid-epoch or to fill several buffers.</summary>
    public void Fill(int epoch, int batchIndex, Batch batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)batchIndex, (uint)BatchesPerEpoch, nameof(batchIndex));
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Capacity < Options.BatchSize || batch.FeatureCount != FeatureCount)
            throw new ArgumentException(
                $"batch holds {batch.Capacity} x {batch.FeatureCount}, this loader needs at least {Options.BatchSize} x {FeatureCount}; use CreateBatch().", nameof(batch));

        var order = OrderFor(epoch);
        var first = batchIndex * Options.BatchSize;
        var count = Math.Min(Options.BatchSize, _shard.Size - first);
        var indices = batch.Indices.AsSpan(0, count);
        order.AsSpan(_shard.Start + first, count).CopyTo(indices);
        GatherUnchecked(indices, batch.Features, batch.Labels);
        batch.Count = count;
        batch.Epoch = epoch;
        batch.Index = batchIndex;
    }

    /// <summary>
    /// Normalized features and labels of arbitrary samples of the split, in the order given: how a stage that receives
    /// only sample indices reads its own inputs.
    /// </summary>
    public void Gather(ReadOnlySpan<int> indices, Span<float> features, Span<long> labels)
    {
        if (features.Length < (long)indices.Length * FeatureCount)
            throw new ArgumentException($"{indices.Length} samples need {(long)indices.Length * FeatureCount} floats, got {features.Length}.", nameof(features));
        if (labels.Length < indices.Length)
            throw new ArgumentException($"{indices.Length} samples need {indices.Length} labels, got {labels.Length}.", nameof(labels));
        foreach (var index in indices)
        {
            if ((uint)index >= (uint)_split.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"sample index outside 0..{_split.Count - 1} of {_split.Name}");
        }
        GatherUnchecked(indices, features, labels);
    }

    private IEnumerable<Batch> Batches(int epoch, Batch batch)
    {
        for (var b = 0; b < BatchesPerEpoch; b++)
        {
            Fill(epoch, b, batch);
            yield return batch;
        }
    }

    // Fully optimized from the first call: tiered JIT would run the first epochs of a short run through slower code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GatherUnchecked(ReadOnlySpan<int> indices, Span<float> features, Span<long> labels)
    {
        var width = FeatureCount;
        var pixels = _split.Pixels;
        var splitLabels = _split.Labels;
        // The first samples have no earlier ones to hide behind; requesting them together at least overlaps their misses.
        for (var i = 0; i < Math.Min(PrefetchDistance, indices.Length); i++)
            CachePrefetch.Range(pixels.Slice(indices[i] * width, width));
        for (var i = 0; i < indices.Length; i++)
        {
            if (i + PrefetchDistance < indices.Length)
                CachePrefetch.Range(pixels.Slice(indices[i + PrefetchDistance] * width, width));
            var sample = indices[i];
            _normalizer.Convert(pixels.Slice(sample * width, width), features.Slice(i * width, width));
            labels[i] = splitLabels[sample];
        }
    }

    private int[] OrderFor(int epoch)
    {
        if (!Options.Shuffle || epoch == _orderEpoch) return _order;
        // Every epoch permutes the identity afresh, so its order does not depend on which epochs were visited before.
        ResetToIdentity();
        new SeededRandom((ulong)Options.Seed, (ulong)epoch).Shuffle(_order.AsSpan());
        _orderEpoch = epoch;
        return _order;
    }

    private void ResetToIdentity()
    {
        for (var i = 0; i < _order.Length; i++) _order[i] = i;
    }
}
