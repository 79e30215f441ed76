using ActorTrain.Training.Hosting.Messages;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.PipelineParallel.Messages;
using Akka.Actor;

namespace ActorTrain.Training.PipelineParallel;

/// <summary>
/// Recovery from stage faults (sync and async pipelines, `actortrain.recovery`). Every snapshot-every steps the step dispatched
/// asks each stage to copy its state before starting it; the copy counts once every stage has finished that step. A
/// crash (the strategy resumes the stage and reports it), a non-finite tensor (a stage's finite check throws) or a
/// stage silent past the watchdog's deadline rolls every stage back to that snapshot under a new link generation, so
/// frames still on their way from before (a hung stage's late sends) are dropped as stale; the data position goes back
/// with it and the same batches are replayed. Data order and kernels are deterministic, so the run ends with the
/// weights it would have had without the fault. After max-restarts rollbacks the next failure stops the run.
/// </summary>
internal sealed partial class PipelineSupervisor : IWithTimers
{
    private readonly Dictionary<long, SnapshotPoint> _snapshotsAsked = new();
    private readonly HashSet<int> _awaitingRollback = new();
    private SnapshotPoint? _committed;
    private StageWatchdog? _watchdog;
    private long _generation;
    private int _restarts;
    private RecoveryEvent? _recovering;
    private long[] _stageAt = [];
    private long _catchUpAt;
    private long _rollbackSentAt;

    public ITimerScheduler Timers { get; set; } = null!;

    private const int RollbackTimeoutDeadlines = 10;

    private bool RecoveryOn => _options.Recovery.Enabled;

    /// <summary>The next step starts with a snapshot that waits for the pipeline without flush to drain (<see cref="TrainingOptions.DrainsBefore"/>).</summary>
    private bool AtSnapshotBoundary => _pendingSteps.Count > 0 && _options.DrainsBefore(_nextStep);

    private bool RollingBack => _awaitingRollback.Count > 0;

    private void ReceiveRecovery()
    {
        Receive<ChildFaulted>(OnChildFaulted);
        Receive<RolledBack>(OnRolledBack);
        Receive<WatchdogPong>(p => _watchdog?.Heard(p.Stage, _clock.GetTimestamp()));
        Receive<WatchdogTick>(_ => OnWatchdogTick());
    }

    /// <summary>What stage <paramref name="k"/> is told of its links of <paramref name="links"/>'s generation.</summary>
    private WireStage Wiring(int k, LinkFactory links) =>
        new(Link(links, k, k - 1), Link(links, k, k + 1), Self, links.Inbox(k, _children[k], Context.System.Scheduler, _observer, _clock), RecoveryOn);

    private void StartWatchdog()
    {
        _generation = _links.Protocol.Generation;
        _stageAt = Enumerable.Repeat(_nextStep, _children.Count).ToArray();
        if (!RecoveryOn) return;
        _watchdog = new StageWatchdog(_children.Count, _options.Recovery, _clock.TimestampFrequency, _clock.GetTimestamp());
        // A few pings per deadline: a hang is seen within about a quarter deadline of it running out.
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _options.Recovery.WatchdogDeadline(TimeSpan.Zero).Ticks / 4));
        Timers.StartPeriodicTimer("watchdog", WatchdogTick.Instance, every);
        _log.Information("Recovery on: a snapshot in memory every {Every} steps, at most {Restarts} rollbacks, watchdog deadline max({Floor}, {Multiple} x step time)",
            _options.Recovery.SnapshotEvery, _options.Recovery.MaxRestarts, _options.Recovery.WatchdogDeadline(TimeSpan.Zero), _options.Recovery.WatchdogMultiple);
    }

    /// <summary>Whether the step about to be dispatched starts with a snapshot: every snapshot-every steps, and the first one.</summary>
    private bool SnapshotBefore(long step)
    {
        if (!RecoveryOn || step % _options.Recovery.SnapshotEvery != 0 && (_committed is not null || _snapshotsAsked.Count > 0)) return false;
        _snapshotsAsked[step] = new SnapshotPoint(_position with { Step = step }, _samples, _lastLoss);
        return true;
    }

    /// <summary>Every stage finished <paramref name="step"/>, so each took the snapshot asked before it: it is complete.</summary>
    private void StepDoneEverywhere(long step)
    {
        var now = _clock.GetTimestamp();
        _watchdog?.StepCompleted(now, stillBusy: _pendingSteps.Count > 0);
        if (_snapshotsAsked.Remove(step, out var point)) _committed = point;
        if (_recovering is not null && _position.Step >= _catchUpAt) ReportRecovery(caughtUpAt: now);
    }

    private void OnChildFaulted(ChildFaulted faulted)
    {
        var stage = _children.IndexOf(faulted.Child);
        if (_finished) return;
        if (!_dryRunDone)
        {
            FailStartup(faulted.Cause);
            return;
        }
        // A stage that has not answered the rollback yet may still fail on what it held from before: nothing new.
        if (_awaitingRollback.Contains(stage)) return;
        var (step, detectedBy) = faulted.Cause is NonFiniteTensorException nan
            ? (nan.Step, $"finite check at stage {stage}")
            : (_stageAt[stage], "actor supervision (the stage threw)");
        Recover(stage, step, detectedBy, faulted.Cause);
    }

    private void OnWatchdogTick()
    {
        if (_finished || !_dryRunDone || _watchdog is null) return;
        foreach (var child in _children) child.Tell(WatchdogPing.Instance, Self);
        var now = _clock.GetTimestamp();
        if (RollingBack) CheckRollbackAnswered(now);
        // Between steps (evaluating, checkpointing) or while stages roll back nothing is owed: silence is not a hang.
        if (_pendingSteps.Count == 0 || RollingBack)
        {
            _watchdog.HeardAll(now);
            return;
        }
        if (_watchdog.Hung(now) is not { } hung) return;
        var deadline = _watchdog.Deadline;
        Recover(hung.Stage, _stageAt[hung.Stage], $"watchdog (silent {hung.Silence.TotalMilliseconds:F0} ms, deadline {deadline.TotalMilliseconds:F0} ms)",
            new TimeoutException($"stage {hung.Stage} did not answer for {hung.Silence.TotalSeconds:F2} s (watchdog deadline {deadline.TotalSeconds:F2} s)"));
    }

    /// <summary>
    /// A stage that has not answered the rollback within <see cref="RollbackTimeoutDeadlines"/> deadlines is hung for
    /// good (its thread cannot be pre-empted in process): the run stops rather than wait forever.
    /// </summary>
    private void CheckRollbackAnswered(long now)
    {
        var waited = TimeSpan.FromSeconds((double)(now - _rollbackSentAt) / _clock.TimestampFrequency);
        var limit = RollbackTimeoutDeadlines * _watchdog!.Deadline;
        if (waited <= limit) return;
        var stage = _awaitingRollback.Min();
        // The step it failed at, when it is the stage whose failure this rollback answers (positions were reset since).
        var step = _recovering is { } failure && failure.Stage == stage ? failure.Step : _stageAt[stage];
        var cause = new TimeoutException($"stage {stage} did not answer the rollback within {limit.TotalSeconds:F1} s ({RollbackTimeoutDeadlines} watchdog deadlines)");
        ReportRecovery(caughtUpAt: null);
        _observer.OnRecovery(new RecoveryEvent(stage, step, "watchdog (rollback unanswered)", cause.Message, now, RecoveryAction.Stop, -1, 0, null, null));
        _log.Error("Stage {Stage} did not answer the rollback within {Limit}; stopping the run", stage, limit);
        Fail(new StageFaultException(stage, step, $"stage {stage} failed at step {step}: {cause.Message}; not rolled back", cause), where: null);
    }

    /// <summary>Stage <paramref name="stage"/> finished <paramref name="step"/>: a stage finishes its steps in order, so it works on the next.</summary>
    private void StageFinished(int stage, long step) => _stageAt[stage] = step + 1;

    /// <summary>Rolls every stage back to the last complete snapshot, or stops the run when there is none or the budget is spent.</summary>
    private void Recover(int stage, long step, string detectedBy, Exception cause)
    {
        var now = _clock.GetTimestamp();
        ReportRecovery(caughtUpAt: null);
        var max = _options.Recovery.MaxRestarts;
        string? refused =
            _committed is null ? "no snapshot to roll back to" :
            _restarts >= max ? $"{_restarts} rollbacks already made (recovery.max-restarts = {max})" :
            _pendingSteps.Count == 0 && !RollingBack ? "it failed outside a training step" : null;
        if (refused is not null || _committed is null)
        {
            _observer.OnRecovery(new RecoveryEvent(stage, step, detectedBy, cause.Message, now, RecoveryAction.Stop, -1, 0, null, null));
            _log.Error("Stage {Stage} failed at step {Step} ({Cause}; detected by {DetectedBy}); not rolled back: {Refused}",
                stage, step, cause.Message, detectedBy, refused);
            Fail(new StageFaultException(stage, step,
                $"stage {stage} failed at step {step}: {cause.Message} (detected by {detectedBy}); not rolled back: {refused}", cause), where: null);
            return;
        }

        _restarts++;
        _generation++;
        var to = _committed;
        _recovering = new RecoveryEvent(stage, step, detectedBy, cause.Message, now, RecoveryAction.Rollback, to.Position.Step,
            _position.Step - to.Position.Step, null, null);
        _catchUpAt = _position.Step;
        _log.Warning("Stage {Stage} failed at step {Step} ({Cause}; detected by {DetectedBy}): every stage rolls back to the snapshot before step {To}, links of generation {Generation} (rollback {Restart} of at most {Max})",
            stage, step, cause.Message, detectedBy, to.Position.Step, _generation, _restarts, max);

        _pendingSteps.Clear();
        _snapshotsAsked.Clear();
        (_checkpointDue, _drainSent) = (false, false);
        (_position, _nextStep, _samples, _lastLoss) = (to.Position, to.Position.Step, to.Samples, to.LastLoss);
        Array.Fill(_stageAt, to.Position.Step);
        var links = _links.WithGeneration(_generation);
        _rollbackSentAt = now;
        for (var k = 0; k < _children.Count; k++)
        {
            _awaitingRollback.Add(k);
            _children[k].Tell(new RollBack(to.Position.Step, _generation, Wiring(k, links)), Self);
        }
    }

    /// <summary>A stage is back at the snapshot; once all are, training goes on from there.</summary>
    private void OnRolledBack(RolledBack done)
    {
        if (done.Generation != _generation || !_awaitingRollback.Remove(done.Stage) || RollingBack) return;
        var now = _clock.GetTimestamp();
        _watchdog?.HeardAll(now);
        _recovering = _recovering! with { ResumedAt = now };
        if (_position.Step >= _catchUpAt) ReportRecovery(caughtUpAt: now);
        Pump();
    }

    /// <summary>Tells the observer how the last rollback went: caught up at <paramref name="caughtUpAt"/>, or not (null).</summary>
    private void ReportRecovery(long? caughtUpAt)
    {
        if (_recovering is null) return;
        _observer.OnRecovery(_recovering with { CaughtUpAt = caughtUpAt });
        _recovering = null;
    }

    protected override void PostStop() => ReportRecovery(caughtUpAt: null);
}
