using ActorTrain.Torch;
using ActorTrain.Torch.Optim;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// Weight versions, for the pipeline without flush. Version v is the weights after v optimizer steps. A micro-batch's
/// forward records the version it used; its backward, several steps later, uses either those same weights (weight
/// stashing, PipeDream) or the newest ones (stale gradients). Either way the gradient lands on the newest weights.
/// </summary>
/// <remarks>
/// Stashing costs no copy at forward time: an update that would overwrite weights a micro-batch in flight still needs
/// writes fresh storage (<see cref="ParameterUpdate.FreshStorage"/>), so the storage a forward read is never written
/// again, and the stash keeps an alias to it. For its backward the
/// parameters point at that storage for the length of the call (autograd's saved tensors, views included, read it
/// either way). Without stashing, updates write in place without bumping autograd's version counter, so a pending
/// backward reads the new values instead of failing.
/// </remarks>
internal sealed partial class PipelineStage
{
    /// <summary>How many optimizer steps this stage has taken: the version of its current weights.</summary>
    public long WeightVersion { get; private set; }

    /// <summary>Whether a backward uses the weights its forward used (set by <see cref="UpdateWithoutFlush"/>).</summary>
    public bool WeightStashing { get; private set; }

    /// <summary>(the version the forward used, the version the backward used) of the latest backward.</summary>
    public (long Forward, long Backward) LastBackwardVersions { get; private set; }

    /// <summary>
    /// Switches this stage to updates after every backward while other micro-batches are in flight (the async mode),
    /// with or without weight stashing. Call before the first forward.
    /// </summary>
    public void UpdateWithoutFlush(bool weightStashing)
    {
        if (_stash.Count > 0) throw new InvalidOperationException($"stage {Index}: cannot change how weights update with micro-batches in flight");
        WeightStashing = weightStashing;
        _withoutFlush = true;
        Optimizer.UpdateKind = ParameterUpdate.InPlaceUntracked;
    }

    private bool _withoutFlush;

    /// <summary>
    /// Before a step without flush: fresh storage only when a micro-batch in flight used the current weights and
    /// stashing must keep them; otherwise nothing reads them again (older versions already live elsewhere), so the
    /// cheaper in-place write will do. The last stage, with one micro-batch in flight, never needs the copy.
    /// </summary>
    private void ChooseUpdateKind()
    {
        if (!_withoutFlush) return;
        var keep = WeightStashing && _stash.Values.Any(s => s.Version == WeightVersion);
        Optimizer.UpdateKind = keep ? ParameterUpdate.FreshStorage : ParameterUpdate.InPlaceUntracked;
    }

    private Tensor[]? SnapshotWeights() => WeightStashing ? Optimizer.Parameters.Select(p => p.Detach()).ToArray() : null;

    /// <summary>Points the parameters at the stash's weights for one backward (when stashed and since updated).</summary>
    private WeightSwap WeightsOf(Stash stash)
    {
        var stashed = stash.Weights is not null && stash.Version != WeightVersion;
        LastBackwardVersions = (stash.Version, stashed || WeightStashing ? stash.Version : WeightVersion);
        return stashed ? new WeightSwap(Optimizer.Parameters, stash.Weights!) : default;
    }

    /// <summary>Swaps the parameters' data for the stashed weights and back on dispose; a default value does nothing.</summary>
    private readonly struct WeightSwap : IDisposable
    {
        private readonly IReadOnlyList<Tensor>? _parameters;
        private readonly Tensor[]? _newest;

        public WeightSwap(IReadOnlyList<Tensor> parameters, Tensor[] stashed)
        {
            _parameters = parameters;
            _newest = parameters.Select(p => p.Detach()).ToArray();
            for (var i = 0; i < stashed.Length; i++) parameters[i].SetData(stashed[i]);
        }

        public void Dispose()
        {
            if (_parameters is null) return;
            for (var i = 0; i < _newest!.Length; i++)
            {
                _parameters[i].SetData(_newest[i]);
                _newest[i].Dispose();
            }
        }
    }
}
