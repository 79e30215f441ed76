using ActorTrain.Config.Settings;
using ActorTrain.Training.Model;

namespace ActorTrain.Training.Ist;

/// <summary>
/// The model shapes IST can cut: fully connected blocks on flat inputs, each a linear layer followed only by batch norm,
/// activations or dropout, with at least one hidden layer. Hidden layer k is the output of block k; the last block is
/// the output layer.
/// </summary>
internal static class IstModel
{
    private static readonly LayerKind[] AfterLinear = [LayerKind.BatchNorm, LayerKind.Relu, LayerKind.Gelu, LayerKind.Tanh, LayerKind.Sigmoid, LayerKind.Dropout];

    /// <exception cref="ArgumentException">the model is not such a network, or a hidden layer has fewer neurons than workers.</exception>
    public static void Validate(ModelSpec spec, int workers)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        if (spec.InputShape.Length != 1)
            throw new ArgumentException($"IST needs a fully connected model on flat inputs; model '{spec.Name}' takes [{string.Join(", ", spec.InputShape)}]");
        if (spec.Blocks.Count < 2)
            throw new ArgumentException($"IST needs at least one hidden layer to share out; model '{spec.Name}' has a single linear layer");
        foreach (var block in spec.Blocks)
        {
            var bad = block.Layers.Select((l, i) => (l, i)).FirstOrDefault(x => x.i == 0 ? x.l.Kind != LayerKind.Linear : !AfterLinear.Contains(x.l.Kind));
            if (bad.l is not null)
                throw new ArgumentException(
                    $"IST needs a fully connected model of linear, batchnorm and activation layers; block {block.Index} of model '{spec.Name}' " +
                    $"has \"{bad.l.Text}\" ({block.Describe()})");
        }
        foreach (var (width, layer) in HiddenWidths(spec).Select((w, k) => (w, k)))
            if (width < workers)
                throw new ArgumentException($"hidden layer {layer} has {width} neurons, fewer than the {workers} IST workers");
    }

    public static IReadOnlyList<int> HiddenWidths(ModelSpec spec) =>
        spec.Blocks.Take(spec.Blocks.Count - 1).Select(b => b.OutputFeatures).ToList();

    /// <summary>The same network with hidden layer k cut to <paramref name="widths"/>[k] neurons: a worker's subnet.</summary>
    public static ModelSpec Narrow(ModelSpec spec, IReadOnlyList<int> widths)
    {
        var last = spec.Blocks.Count - 1;
        var layers = spec.Blocks.SelectMany(b => b.Layers.Select((l, i) =>
            b.Index < last && i == 0 ? l with { Units = widths[b.Index], Text = $"{l.Text} (subnet {widths[b.Index]})" } : l)).ToList();
        return ModelSpec.FromLayers(spec.Name + "-subnet", spec.InputShape, spec.Classes, layers);
    }
}
