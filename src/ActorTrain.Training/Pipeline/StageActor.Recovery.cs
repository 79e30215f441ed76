using ActorTrain.Torch;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// Recovery from stage faults: in-memory snapshots taken at step boundaries, the rollback to one of them, and the finite
/// checks that turn a NaN into a failure the supervisor can roll back from. A stage keeps its two newest snapshots: the
/// supervisor counts one as complete only once every stage has taken it, so a stage that is one snapshot ahead of a
/// failed neighbour still holds the one they share.
/// </summary>
internal abstract partial class StageActor
{
    private const int SnapshotsKept = 2;
    private readonly List<StageSnapshot> _snapshots = new();
    private bool _checkFinite, _handSnapshotsOver;

    /// <summary>Copies this stage's state as it is before <paramref name="step"/> (no micro-batch in flight).</summary>
    protected void TakeSnapshot(long step)
    {
        if (_snapshots.Count > 0 && _snapshots[^1].Step == step) return;
        var start = _clock.GetTimestamp();
        var snapshot = StageSnapshot.Take(_stage, step);
        _observer.OnSpan(new Span(Index, SpanKind.Snapshot, step, -1, start, _clock.GetTimestamp()));
        if (_handSnapshotsOver && Supervisor is { } keeper)
        {
            keeper.Tell(new SnapshotTaken(Index, snapshot), Self);
            return;
        }
        _snapshots.Add(snapshot);
        while (_snapshots.Count > SnapshotsKept)
        {
            _snapshots[0].Dispose();
            _snapshots.RemoveAt(0);
        }
    }

    /// <summary>Forgets the steps in flight (their queued inputs and labels freed).</summary>
    protected abstract void ForgetSteps();

    /// <summary>
    /// Drops every buffered activation and gradient and whatever the old links kept for resending, restores the
    /// snapshot of the step asked for, and takes the new generation's links: frames of the old generation that arrive
    /// later (a hung neighbour's, a delayed resend) are stale to the new inbox.
    /// </summary>
    private void OnRollBack(RollBack rollBack)
    {
        foreach (var f in _activations.Values) f.Activation.Dispose();
        foreach (var b in _gradients.Values) b.Gradient.Dispose();
        _activations.Clear();
        _gradients.Clear();
        ForgetSteps();
        ClearWait();
        _inbox?.Clear();
        _previous?.Close();
        _next?.Close();
        var snapshot = _snapshots.LastOrDefault(s => s.Step == rollBack.ToStep)
            ?? throw new InvalidOperationException($"stage {Index} holds no snapshot of step {rollBack.ToStep} (it has [{string.Join(", ", _snapshots.Select(s => s.Step))}])");
        snapshot.RestoreInto(_stage);
        DropSnapshots(keepFrom: rollBack.ToStep + 1);
        Wire(rollBack.Wiring);
        _log.Warning("Rolled back to the snapshot before step {Step}; links now of generation {Generation}", rollBack.ToStep, rollBack.Generation);
        Sender.Tell(new RolledBack(Index, rollBack.ToStep, rollBack.Generation), Self);
    }

    /// <summary>Frees the snapshots of step <paramref name="keepFrom"/> and later (newer than the one restored).</summary>
    private void DropSnapshots(long keepFrom)
    {
        foreach (var s in _snapshots.Where(s => s.Step >= keepFrom)) s.Dispose();
        _snapshots.RemoveAll(s => s.Step >= keepFrom);
    }

    /// <summary>With recovery on, a NaN or infinite tensor fails the stage (and is freed: nobody else will).</summary>
    private void CheckFinite(Tensor t, long step, string what)
    {
        if (!_checkFinite) return;
        using var sum = t.Sum();
        if (double.IsFinite(sum.ToScalarDouble())) return;
        t.Dispose();
        throw new NonFiniteTensorException(Index, step, what);
    }

    /// <summary>With recovery on, a loss that is not finite fails the last stage before its optimizer step.</summary>
    protected void CheckFiniteLoss(double lossSum, long step)
    {
        if (_checkFinite && !double.IsFinite(lossSum)) throw new NonFiniteTensorException(Index, step, "the loss");
    }
}
