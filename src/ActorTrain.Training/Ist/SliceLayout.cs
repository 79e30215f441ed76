using ActorTrain.Torch;
using ActorTrain.Training.Ist.Messages;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Ist;

/// <summary>
/// Where each tensor of a model built by <see cref="DataParallel.WholeModel"/> ("block.layer.name") is cut for IST.
/// Block k's linear weight [out, in] is cut by rows to hidden layer k's neurons (all rows in the output block) and by
/// columns to hidden layer k-1's (all columns in the first block): the first layer's rows, the diagonal blocks of the
/// hidden-to-hidden matrices, the output layer's columns. Per-neuron tensors (a hidden bias, batch-norm weight, bias and
/// running statistics) follow their neurons; per-class ones in the output block are shared and averaged. The step
/// counter of batch norm does not travel.
/// </summary>
internal sealed class SliceLayout
{
    private readonly Dictionary<string, SliceRule> _rules;

    private SliceLayout(Dictionary<string, SliceRule> rules) => _rules = rules;

    /// <summary>Every tensor that travels, by name.</summary>
    public IReadOnlyDictionary<string, SliceRule> Rules => _rules;

    public static SliceLayout For(IEnumerable<string> names, int blocks)
    {
        var rules = new Dictionary<string, SliceRule>();
        foreach (var name in names)
        {
            var parts = name.Split('.');
            if (parts.Length != 3 || !int.TryParse(parts[0], out var block) || !int.TryParse(parts[1], out var layer))
                throw new ArgumentException($"'{name}' is not a block.layer.name tensor of a whole model", nameof(names));
            if (parts[2] == "num_batches_tracked") continue;
            var output = block == blocks - 1;
            int? rows = output ? null : block;
            int? columns = layer == 0 && parts[2] == "weight" && block > 0 ? block - 1 : null;
            var shared = output && !(layer == 0 && parts[2] == "weight");
            rules.Add(name, new SliceRule(rows, columns, shared));
        }
        return new SliceLayout(rules);
    }

    /// <summary>The rule of a parameter, buffer or optimizer-state key ("name#state" follows its parameter).</summary>
    public SliceRule RuleFor(string key)
    {
        var separator = key.IndexOf(SubnetSlices.StateSeparator);
        return _rules[separator < 0 ? key : key[..separator]];
    }

    /// <summary>A new tensor holding <paramref name="full"/>'s slice under <paramref name="rule"/>; <paramref name="index"/>[k] holds a worker's neurons of hidden layer k.</summary>
    public static Tensor Cut(Tensor full, SliceRule rule, IReadOnlyList<Tensor> index)
    {
        using var _ = Torch.Torch.NoGrad();
        switch (rule)
        {
            case { RowLayer: { } r, ColumnLayer: { } c }:
                using (var rows = full.IndexSelect(0, index[r])) return rows.IndexSelect(1, index[c]);
            case { RowLayer: { } r }:
                return full.IndexSelect(0, index[r]);
            case { ColumnLayer: { } c }:
                return full.IndexSelect(1, index[c]);
            default:
                using (var detached = full.Detach()) return detached.Clone();
        }
    }

    /// <summary>
    /// Writes <paramref name="slice"/> back into <paramref name="full"/> at the same indices, in place, leaving every other
    /// entry as it was. Not for shared tensors, which are averaged instead.
    /// </summary>
    public static void Paste(Tensor full, SliceRule rule, IReadOnlyList<Tensor> index, Tensor slice)
    {
        if (rule.Shared) throw new ArgumentException("shared tensors are averaged, not pasted", nameof(rule));
        using var _ = Torch.Torch.NoGrad();
        switch (rule)
        {
            case { RowLayer: { } r, ColumnLayer: { } c }:
                // index_copy_ writes whole rows, so fill the worker's rows with their current values first and paste
                // the diagonal block into them: the off-diagonal entries of those rows come back unchanged.
                using (var rows = full.IndexSelect(0, index[r]))
                {
                    rows.IndexCopy_(1, index[c], slice);
                    full.IndexCopy_(0, index[r], rows);
                }
                break;
            case { RowLayer: { } r }:
                full.IndexCopy_(0, index[r], slice);
                break;
            case { ColumnLayer: { } c }:
                full.IndexCopy_(1, index[c], slice);
                break;
            default:
                full.Copy_(slice);
                break;
        }
    }

    /// <summary>Elements of parameter <paramref name="name"/> one worker receives, for widths <paramref name="parts"/> of the hidden layers.</summary>
    public long SliceElements(string name, long[] shape, IReadOnlyList<int> parts)
    {
        var rule = _rules[name];
        var rows = rule.RowLayer is { } r ? parts[r] : shape[0];
        var rest = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        if (rule.ColumnLayer is { } c) rest = rest / shape[1] * parts[c];
        return rows * rest;
    }
}
