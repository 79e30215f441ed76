using ActorTrain.Data.Loading;
using ActorTrain.Torch;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// A mini-batch copied once into tensors and cut into micro-batches along the batch dimension (views, no copies).
/// Sizes differ by at most one, larger first; a batch smaller than the micro-batch count gets one sample each.
/// </summary>
internal sealed class MicroBatching : IDisposable
{
    private readonly Tensor _features;
    private readonly Tensor _labels;
    private readonly (long Start, long Length)[] _slices;

    private MicroBatching(Tensor features, Tensor labels, (long, long)[] slices) => (_features, _labels, _slices) = (features, labels, slices);

    public int Count => _slices.Length;

    /// <param name="sampleShape">One sample's shape as the model's first layer takes it ([784], or [1, 28, 28] for a conv net).</param>
    public static MicroBatching Split(Batch batch, ReadOnlySpan<long> sampleShape, int microBatches)
    {
        var features = Tensor.FromSpan(batch.FilledFeatures, [batch.Count, .. sampleShape]);
        var labels = Tensor.FromSpan(batch.FilledLabels, [batch.Count]);
        return new MicroBatching(features, labels, Slices(batch.Count, microBatches));
    }

    public static (long Start, long Length)[] Slices(int count, int microBatches)
    {
        var m = Math.Clamp(microBatches, 1, Math.Max(1, count));
        var slices = new (long, long)[m];
        long start = 0;
        for (var i = 0; i < m; i++)
        {
            var length = count / m + (i < count % m ? 1 : 0);
            slices[i] = (start, length);
            start += length;
        }
        return slices;
    }

    /// <summary>New tensors (views) for each micro-batch's inputs; the caller owns them.</summary>
    public IReadOnlyList<Tensor> Inputs() => _slices.Select(s => _features.Narrow(0, s.Start, s.Length)).ToArray();

    /// <summary>New tensors (views) for each micro-batch's labels; the caller owns them.</summary>
    public IReadOnlyList<Tensor> Labels() => _slices.Select(s => _labels.Narrow(0, s.Start, s.Length)).ToArray();

    public void Dispose()
    {
        _features.Dispose();
        _labels.Dispose();
    }
}
