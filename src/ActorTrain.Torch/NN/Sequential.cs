namespace ActorTrain.Torch.NN;

/// <summary>
/// Layers applied in order; children are named "0", "1", ... as in PyTorch. A partitioner cuts it
/// into stages with <see cref="Slice"/> (a view that shares the layers and keeps their names) or
/// builds a stage that owns its layers from a list of named layers.
/// </summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];
    private readonly bool _ownsLayers;

    public Sequential(params Module[] layers) : this(layers.Select((l, i) => new KeyValuePair<string, Module>(i.ToString(System.Globalization.CultureInfo.InvariantCulture), l)))
    {
    }

    /// <summary>Layers with explicit names (e.g. a stage that keeps the full model's indices "3", "4").</summary>
    public Sequential(IEnumerable<KeyValuePair<string, Module>> namedLayers) : this(namedLayers, ownsLayers: true)
    {
    }

    private Sequential(IEnumerable<KeyValuePair<string, Module>> namedLayers, bool ownsLayers)
    {
        ArgumentNullException.ThrowIfNull(namedLayers);
        _ownsLayers = ownsLayers;
        foreach (var (name, layer) in namedLayers) _layers.Add(RegisterModule(name, layer));
    }

    public IReadOnlyList<Module> Layers => _layers;

    public int Count => _layers.Count;

    public Module this[int index] => _layers[index];

    /// <summary>
    /// Layers start..start+count-1 as a new Sequential that shares them (same parameters) and keeps their
    /// names, so its state dictionary keys match the full model's. The slice does not own the layers:
    /// disposing it leaves them alive; the original keeps ownership.
    /// </summary>
    public Sequential Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > _layers.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"layers {start}..{start + count - 1} are outside 0..{_layers.Count - 1}");
        var slice = new Sequential(NamedChildren().Skip(start).Take(count), ownsLayers: false);
        slice.Train(IsTraining);
        return slice;
    }

    protected override bool OwnsChildren => _ownsLayers;

    /// <summary>Runs the layers in order, disposing intermediate results (autograd keeps what it needs).</summary>
    public override Tensor Forward(Tensor input)
    {
        if (_layers.Count == 0) return input.Alias();
        var x = _layers[0].Forward(input);
        for (var i = 1; i < _layers.Count; i++)
        {
            var next = _layers[i].Forward(x);
            x.Dispose();
            x = next;
        }
        return x;
    }
}
