using ActorTrain.Torch;

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

    public void Dispose()
    {
        foreach (var t in _model.Values.Concat(_optimizer.Values)) t.Dispose();
    }

    private static Dictionary<string, Tensor> Clone(IReadOnlyDictionary<string, Tensor> borrowed) =>
        borrowed.ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
}
