using System.Globalization;
using ActorTrain.Torch;
using ActorTrain.Torch.Serialization;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// An in-memory copy of one stage's weights, buffers and optimizer state after <see cref="Step"/> steps: cloned
/// tensors, no disk. Restoring copies them back in place, so the modules and the optimizer keep their tensors.
/// </summary>
internal sealed class StageSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _model;
    private readonly Dictionary<string, Tensor> _optimizer;

    private StageSnapshot(long step, Dictionary<string, Tensor> model, Dictionary<string, Tensor> optimizer) =>
        (Step, _model, _optimizer) = (step, model, optimizer);

    public long Step { get; }

    /// <summary>Copies <paramref name="stage"/>'s state; called after its optimizer step, with no micro-batch in flight.</summary>
    public static StageSnapshot Take(PipelineStage stage, long step)
    {
        using var _ = Torch.Torch.NoGrad();
        return new StageSnapshot(step, Clone(stage.Layers.StateDict()), Clone(stage.Optimizer.StateDict()));
    }

    /// <summary>Puts the copied state back and clears any gradient a failed step had accumulated.</summary>
    public void RestoreInto(PipelineStage stage)
    {
        stage.DiscardInFlight();
        stage.Layers.LoadStateDict(_model);
        stage.Optimizer.LoadStateDict(_optimizer);
        stage.Optimizer.ZeroGrad();
    }

    /// <summary>
    /// The copy as the bytes of a stage file (model and optimizer state under the same prefixes as <see cref="StageState"/>),
    /// for a clustered worker to keep beyond its stage's life and replicate to another node.
    /// </summary>
    public byte[] Serialize() => Checkpoint.ToBytes(
        _model.Select(p => KeyValuePair.Create(StageState.ModelPrefix + p.Key, p.Value))
            .Concat(_optimizer.Select(p => KeyValuePair.Create(StageState.OptimizerPrefix + p.Key, p.Value))),
        new Dictionary<string, string> { [StepKey] = Step.ToString(CultureInfo.InvariantCulture) });

    /// <summary>Reads bytes made by <see cref="Serialize"/> back into a snapshot (its checksums verified) to restore a new stage from.</summary>
    public static StageSnapshot Deserialize(byte[] bytes, string source)
    {
        var (tensors, metadata) = Checkpoint.FromBytes(bytes, source);
        var step = long.Parse(metadata[StepKey], CultureInfo.InvariantCulture);
        return new StageSnapshot(step, Unprefixed(tensors, StageState.ModelPrefix), Unprefixed(tensors, StageState.OptimizerPrefix));
    }

    private const string StepKey = "step";

    private static Dictionary<string, Tensor> Unprefixed(Dictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);

    public void Dispose()
    {
        foreach (var t in _model.Values.Concat(_optimizer.Values)) t.Dispose();
    }

    private static Dictionary<string, Tensor> Clone(IReadOnlyDictionary<string, Tensor> borrowed) =>
        borrowed.ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
}
