using System.Globalization;

namespace ActorTrain.Torch.Optim;

/// <summary>
/// Updates a fixed list of parameters from their gradients, as torch.optim (one parameter group).
/// The optimizer borrows the parameters and owns its per-parameter state (momentum buffers, moment
/// estimates), which can be read and written by parameter index: checkpoints save it with
/// <see cref="StateDict"/>, and IST slices it with <see cref="GetState"/> / <see cref="SetState"/>.
/// State keys in a state dictionary are "param.{index}.{name}", e.g. "param.3.exp_avg", "param.3.step".
/// </summary>
public abstract class Optimizer : IDisposable
{
    private const string StepKey = "step";
    private readonly Dictionary<string, Tensor>[] _state;
    private readonly long[] _steps;
    private bool _disposed;

    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        Parameters = parameters.ToList();
        LearningRate = learningRate;
        _state = Parameters.Select(_ => new Dictionary<string, Tensor>()).ToArray();
        _steps = new long[Parameters.Count];
    }

    /// <summary>The parameters, borrowed (their module owns them).</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>Can be changed between steps (learning-rate schedules).</summary>
    public double LearningRate { get; set; }

    /// <summary>How steps write the parameters; <see cref="ParameterUpdate.InPlace"/> unless a pipeline without flush says otherwise.</summary>
    public ParameterUpdate UpdateKind { get; set; } = ParameterUpdate.InPlace;

    /// <summary>Names of the state tensors this optimizer keeps per parameter (besides the step count).</summary>
    protected abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>Whether the step count is part of the state (Adam's bias correction needs it; SGD has none).</summary>
    protected virtual bool TracksSteps => false;

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < Parameters.Count; i++)
            if (Update(i, Parameters[i], _steps[i] + 1))
                _steps[i]++;
    }

    /// <summary>Updates one parameter as <see cref="UpdateKind"/> says; returns false when it had no gradient.</summary>
    /// <param name="step">The step count including this step.</param>
    protected abstract bool Update(int index, Tensor parameter, long step);

    /// <summary>Clears every parameter's gradient (drops it by default, as PyTorch 2).</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters) p.ZeroGrad(setToNone);
    }

    /// <summary>How many updates parameter <paramref name="index"/> has received.</summary>
    public long StepCount(int index) => _steps[index];

    public void SetStepCount(int index, long steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        _steps[index] = steps;
    }

    /// <summary>
    /// The state of parameter <paramref name="index"/> by name (e.g. "momentum_buffer", or "exp_avg",
    /// "exp_avg_sq" and "step"). Borrowed: the optimizer owns the tensors; empty before the first step.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> GetState(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (TracksSteps && (_state[index].Count > 0 || _steps[index] > 0)) RefreshStepTensor(index);
        return _state[index];
    }

    /// <summary>
    /// Sets one state entry of parameter <paramref name="index"/> to a copy of <paramref name="value"/>
    /// (the caller keeps ownership of <paramref name="value"/>). "step" sets the step count.
    /// </summary>
    public void SetState(int index, string key, Tensor value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(value);
        if (key == StepKey && TracksSteps)
        {
            SetStepCount(index, value.ToScalarLong());
            return;
        }
        if (!StateNames.Contains(key))
            throw new ArgumentException($"'{key}' is not a state of {GetType().Name}; expected one of [{string.Join(", ", StateNames)}]", nameof(key));
        var want = Parameters[index].Shape;
        var got = value.Shape;
        if (!want.AsSpan().SequenceEqual(got))
            throw new ArgumentException(
                $"size mismatch for param.{index}.{key}: the parameter has shape [{string.Join(", ", want)}] but the value has [{string.Join(", ", got)}]",
                nameof(value));
        var copy = value.Detach();
        var owned = copy.Clone();
        copy.Dispose();
        if (_state[index].Remove(key, out var old)) old.Dispose();
        _state[index][key] = owned;
    }

    /// <summary>Drops all state of parameter <paramref name="index"/> (as if it had never been stepped).</summary>
    public void ResetState(int index)
    {
        foreach (var t in _state[index].Values) t.Dispose();
        _state[index].Clear();
        _steps[index] = 0;
    }

    /// <summary>Every state tensor under "param.{index}.{name}" keys. Borrowed: do not dispose.</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var all = new Dictionary<string, Tensor>();
        for (var i = 0; i < Parameters.Count; i++)
            foreach (var (name, t) in GetState(i))
                all.Add(Key(i, name), t);
        return all;
    }

    /// <summary>Replaces the state with copies of the entries in <paramref name="state"/> (keys as <see cref="StateDict"/> writes them).</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < Parameters.Count; i++) ResetState(i);
        foreach (var (key, value) in state)
        {
            var (index, name) = ParseKey(key);
            SetState(index, name, value);
        }
    }

    public static string Key(int index, string name) => $"param.{index.ToString(CultureInfo.InvariantCulture)}.{name}";

    /// <summary>The state tensor <paramref name="name"/> of parameter <paramref name="index"/>, or null before it exists.</summary>
    protected Tensor? State(int index, string name) => _state[index].GetValueOrDefault(name);

    /// <summary>Stores a state tensor created by the shim (taking ownership).</summary>
    protected void StoreState(int index, string name, Tensor value) => _state[index][name] = value;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var s in _state)
            foreach (var t in s.Values)
                t.Dispose();
        GC.SuppressFinalize(this);
    }

    private void RefreshStepTensor(int index)
    {
        if (_state[index].TryGetValue(StepKey, out var t)) t.Fill_(_steps[index]);
        else _state[index][StepKey] = Tensor.Scalar(_steps[index], ScalarType.Int64);
    }

    private (int Index, string Name) ParseKey(string key)
    {
        var parts = key.Split('.', 3);
        if (parts.Length != 3 || parts[0] != "param"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index >= Parameters.Count)
            throw new ArgumentException($"'{key}' is not an optimizer state key of the form param.<index below {Parameters.Count}>.<name>", nameof(key));
        return (index, parts[2]);
    }
}
