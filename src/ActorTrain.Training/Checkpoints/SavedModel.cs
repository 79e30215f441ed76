using System.Globalization;
using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Torch.Serialization;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// Every stage file of a checkpoint read as one whole model, so it loads into any cut of the same model: a pipeline of
/// other stages, or a model held whole (ist, dp). Parameters and buffers keep their block-indexed names ("3.0.weight")
/// however the model is cut; optimizer state is saved under each stage's own parameter numbers ("param.2.momentum_buffer"),
/// so it is re-keyed here by the parameter's name. The tensors are owned here until <see cref="Dispose"/>.
/// </summary>
internal sealed class SavedModel : IDisposable
{
    private readonly Dictionary<string, Tensor> _model = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Tensor>> _optimizer = new(StringComparer.Ordinal);

    private SavedModel() { }

    /// <param name="parameterOrder">The whole model's parameter names in order (block by block), which numbers each saved stage's parameters.</param>
    public static SavedModel Read(string directory, CheckpointManifest manifest, IReadOnlyList<string> parameterOrder)
    {
        if (manifest.Balance.Length != manifest.StageFiles.Length)
            throw new CheckpointException($"{directory}: the manifest lists {manifest.StageFiles.Length} stage files for {manifest.Balance.Length} stages");
        var saved = new SavedModel();
        try
        {
            var first = 0;
            for (var k = 0; k < manifest.Balance.Length; first += manifest.Balance[k], k++)
            {
                var (from, to) = (first, first + manifest.Balance[k]);
                var own = parameterOrder.Where(name => Block(name) >= from && Block(name) < to).ToList();
                saved.Add(Path.Combine(directory, manifest.StageFiles[k]), own);
            }
            return saved;
        }
        catch
        {
            saved.Dispose();
            throw;
        }
    }

    /// <summary>Copies the saved values of <paramref name="layers"/>' tensors into them and, when <paramref name="optimizer"/> is given, its state.</summary>
    /// <exception cref="CheckpointException">the checkpoint lacks a tensor these layers hold.</exception>
    public void LoadInto(Module layers, Optimizer? optimizer)
    {
        var missing = layers.StateDict().Keys.Where(k => !_model.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new CheckpointException($"the checkpoint holds no values for [{string.Join(", ", missing)}]: it was written for another model");
        try
        {
            layers.LoadStateDict(layers.StateDict().Keys.ToDictionary(k => k, k => _model[k]));
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"the checkpoint's weights do not fit this model ({Plain(e)}): it was written for another model");
        }
        if (optimizer is null) return;
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, i) in layers.NamedParameters().Select((p, i) => (p.Key, i)))
            foreach (var (key, value) in _optimizer.GetValueOrDefault(name) ?? [])
                state[Optimizer.Key(i, key)] = value;
        try
        {
            optimizer.LoadStateDict(state);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException(
                $"the checkpoint's optimizer state does not fit this optimizer ({Plain(e)}); optimizer-state = reset in the first mode-plan entry starts it afresh");
        }
    }

    // ArgumentException appends " (Parameter 'name')", which means nothing to someone resuming a run.
    private static string Plain(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private void Add(string path, IReadOnlyList<string> parameters)
    {
        var (tensors, _) = CheckpointDirectory.ReadStageFile(path, Checkpoint.Load);
        var model = new List<(string Name, Tensor Value)>();
        var optimizer = new List<(string Parameter, string State, Tensor Value)>();
        try
        {
            foreach (var (key, value) in tensors)
            {
                if (key.StartsWith(StageState.ModelPrefix, StringComparison.Ordinal))
                    model.Add((key[StageState.ModelPrefix.Length..], value));
                else if (key.StartsWith(StageState.OptimizerPrefix, StringComparison.Ordinal) && OptimizerKey(key, parameters) is { } slot)
                    optimizer.Add((slot.Parameter, slot.State, value));
                else
                    throw new CheckpointException($"{path}: unexpected tensor '{key}' (expected model.* or optim.param.<index>.<state>)");
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        foreach (var (name, value) in model) _model[name] = value;
        foreach (var (parameter, state, value) in optimizer)
        {
            if (!_optimizer.TryGetValue(parameter, out var slots)) _optimizer[parameter] = slots = new(StringComparer.Ordinal);
            slots[state] = value;
        }
    }

    /// <summary>"optim.param.2.exp_avg" of a stage holding <paramref name="parameters"/> is state "exp_avg" of its third parameter.</summary>
    private static (string Parameter, string State)? OptimizerKey(string key, IReadOnlyList<string> parameters)
    {
        var parts = key[StageState.OptimizerPrefix.Length..].Split('.', 3);
        if (parts.Length != 3 || parts[0] != "param" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return null;
        if (index >= parameters.Count)
            throw new CheckpointException($"optimizer state '{key}' names parameter {index}, but that stage holds {parameters.Count}: the checkpoint is for another model");
        return (parameters[index], parts[2]);
    }

    private static int Block(string name) => int.Parse(name.AsSpan(0, name.IndexOf('.')), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var t in _model.Values.Concat(_optimizer.Values.SelectMany(s => s.Values))) t.Dispose();
        _model.Clear();
        _optimizer.Clear();
    }
}
