namespace ActorTrain.Torch.NN;

/// <summary>
/// A layer or a network of layers, as torch.nn.Module. A module owns its parameters, buffers and
/// children and disposes them with itself. Names follow PyTorch: a module's own parameters in
/// registration order, then each child's under "child." prefixes, so state dictionaries line up
/// with PyTorch's keys for the same architecture.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];
    private bool _disposed;

    /// <summary>Training mode (the default) makes dropout drop and batch norm use batch statistics.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the output for <paramref name="input"/>; the result is a new tensor owned by the caller.</summary>
    public abstract Tensor Forward(Tensor input);

    public Tensor Call(Tensor input) => Forward(input);

    /// <summary>Parameters of this module and its descendants with dotted names (e.g. "0.weight"). Borrowed: the module owns them.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters() => Collect(m => m._parameters, "");

    /// <summary>All parameters, in <see cref="NamedParameters"/> order. Borrowed.</summary>
    public IReadOnlyList<Tensor> Parameters() => NamedParameters().Select(p => p.Value).ToList();

    /// <summary>Buffers (state that is not trained, such as batch-norm running statistics) with dotted names. Borrowed.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers() => Collect(m => m._buffers, "");

    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => _children;

    /// <summary>
    /// Parameters and buffers by name, in PyTorch's state_dict order (each module's parameters, then its
    /// buffers, then its children). The tensors are the live ones, borrowed: do not dispose them.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        AddState(state, "");
        return state;
    }

    /// <summary>
    /// Copies values from <paramref name="state"/> into this module's parameters and buffers in place
    /// (the caller keeps ownership of <paramref name="state"/>). Shapes must match; with
    /// <paramref name="strict"/>, keys must match exactly too.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDict();
        if (strict)
        {
            var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new ArgumentException(
                    $"state dictionary does not match the module: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]",
                    nameof(state));
        }
        foreach (var (key, target) in own)
        {
            if (!state.TryGetValue(key, out var source)) continue;
            var want = target.Shape;
            var got = source.Shape;
            if (!want.AsSpan().SequenceEqual(got))
                throw new ArgumentException(
                    $"size mismatch for {key}: the module has shape [{string.Join(", ", want)}] but the state dictionary has [{string.Join(", ", got)}]",
                    nameof(state));
        }
        using (Torch.NoGrad())
            foreach (var (key, target) in own)
                if (state.TryGetValue(key, out var source))
                    target.Copy_(source);
    }

    /// <summary>Sets training mode on this module and every descendant; returns this.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children) child.Train(training);
        return this;
    }

    public Module Eval() => Train(false);

    /// <summary>Clears every parameter's gradient (drops it by default, as PyTorch 2; zeroes it in place otherwise).</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var (_, p) in NamedParameters()) p.ZeroGrad(setToNone);
    }

    /// <summary>Moves every parameter and buffer to <paramref name="device"/> in place, keeping their identities (optimizers stay valid).</summary>
    public Module To(Device device)
    {
        foreach (var (_, t) in NamedParameters().Concat(NamedBuffers()))
            using (var moved = t.To(device))
                t.SetData(moved);
        return this;
    }

    /// <summary>Number of parameter elements.</summary>
    public long ParameterCount() => NamedParameters().Sum(p => p.Value.NumElements);

    /// <summary>Adds a parameter (taking ownership) and marks it as requiring gradients.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        CheckName(name);
        parameter.RequiresGrad = true;
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Adds a buffer (taking ownership).</summary>
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        CheckName(name);
        _buffers.Add(new(name, buffer));
        return buffer;
    }

    /// <summary>Adds a child module (taking ownership unless a subclass overrides <see cref="OwnsChildren"/>).</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        _children.Add(new(name, module));
        return module;
    }

    /// <summary>Whether disposing this module disposes its children (false for views such as a sequential slice).</summary>
    protected virtual bool OwnsChildren => true;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var (_, p) in _parameters) p.Dispose();
        foreach (var (_, b) in _buffers) b.Dispose();
        if (OwnsChildren)
            foreach (var (_, c) in _children) c.Dispose();
        GC.SuppressFinalize(this);
    }

    private void AddState(Dictionary<string, Tensor> state, string prefix)
    {
        foreach (var (name, p) in _parameters) state.Add(prefix + name, p);
        foreach (var (name, b) in _buffers) state.Add(prefix + name, b);
        foreach (var (name, c) in _children) c.AddState(state, prefix + name + ".");
    }

    private IEnumerable<KeyValuePair<string, Tensor>> Collect(Func<Module, List<KeyValuePair<string, Tensor>>> select, string prefix)
    {
        foreach (var (name, t) in select(this)) yield return new(prefix + name, t);
        foreach (var (name, child) in _children)
            foreach (var item in child.Collect(select, prefix + name + "."))
                yield return item;
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.')) throw new ArgumentException($"'{name}' contains '.', which separates names in a state dictionary", nameof(name));
        if (_parameters.Any(p => p.Key == name) || _buffers.Any(b => b.Key == name) || _children.Any(c => c.Key == name))
            throw new ArgumentException($"'{name}' is already registered on this module", nameof(name));
    }
}
