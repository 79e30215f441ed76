using ActorTrain.Torch.NN;

namespace ActorTrain.Training.Ist;

/// <summary>
/// The share of the model's weights one worker receives per round. IST's prediction: between 1/n^2 (all
/// hidden-to-hidden weights, of which a worker gets one diagonal block) and 1/n (all in the first and output layers and
/// per-neuron parameters, of which it gets its rows or columns). Shared per-class tensors count whole.
/// </summary>
internal static class IstTraffic
{
    public static (double Low, double High) Predicted(int workers) => (1.0 / ((double)workers * workers), 1.0 / workers);

    /// <summary>Parameter elements worker <paramref name="worker"/> receives over all parameters of <paramref name="model"/>.</summary>
    public static double WeightShare(Sequential model, SliceLayout layout, IReadOnlyList<int> hiddenWidths, int workers, int worker)
    {
        var parts = hiddenWidths.Select(w => SubnetPartition.Sizes(w, workers)[worker]).ToList();
        long sent = 0, total = 0;
        foreach (var (name, p) in model.NamedParameters())
        {
            var shape = p.Shape;
            sent += layout.SliceElements(name, shape, parts);
            total += p.NumElements;
        }
        return (double)sent / total;
    }
}
