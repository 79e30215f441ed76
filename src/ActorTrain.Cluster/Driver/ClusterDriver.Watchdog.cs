using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.PipelineParallel.Messages;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// Hang detection across processes (recovery.on-node-loss = re-place): the one-process <see cref="StageWatchdog"/> over
/// the workers' step reports and answers to pings, which every stage host forwards to its stage actors. A stage silent
/// past max(watchdog-floor, watchdog-multiple × the measured step time) while steps are pending is hung. Its thread
/// cannot be pre-empted, so the driver fences the worker hosting it: the worker SIGKILLs itself (as kill-node has it),
/// and the stages are placed again under a new generation (TryRePlace), so whatever the hung thread might still send
/// belongs to a dead generation and a dead process.
/// </summary>
internal sealed partial class ClusterDriver
{
    private StageWatchdog? _watchdog;
    private int _watchedGeneration = -1;
    private int[] _faultsFired = [];

    /// <summary>The pipelines' stage actors answer pings; ist and decoupled workers do not host them.</summary>
    private bool Watches => RePlaces && !ServesIst && _options.Mode != Training.Decoupled.DecoupledSupervisor.Mode;

    private void ReceiveWatchdog()
    {
        _faultsFired = new int[_nodeLoss.Plan.Count];
        Receive<WatchdogPong>(p => _watchdog?.Heard(p.Stage, _clock.GetTimestamp()));
        Receive<WatchdogTick>(_ => OnWatchdogTick());
    }

    private void StartWatchdog()
    {
        if (!Watches) return;
        // A few pings per deadline: a hang is seen within about a quarter deadline of it running out.
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _options.Recovery.WatchdogDeadline(TimeSpan.Zero).Ticks / 4));
        Timers.StartPeriodicTimer("watchdog", WatchdogTick.Instance, every);
    }

    /// <summary>Every stage's report counts as an answer; a step done everywhere measures the step time.</summary>
    private void WatchStep(StepCompleted done)
    {
        if (_watchdog is null || !_pendingSteps.TryGetValue(done.Step, out var pending)) return;
        var now = _clock.GetTimestamp();
        _watchdog.Heard(done.Stage, now);
        if (pending.Reported + 1 >= _shape.Units) _watchdog.StepCompleted(now, stillBusy: _pendingSteps.Count > 1);
    }

    private void OnWatchdogTick()
    {
        if (_finished || !_training) return;
        var now = _clock.GetTimestamp();
        // Each generation starts warm-up afresh: a spare's first step JIT-compiles, as the run's first did.
        if (_watchdog is null || _watchedGeneration != _generation)
        {
            _watchdog = new StageWatchdog(_shape.Balance.Length, _options.Recovery, _clock.TimestampFrequency, now);
            _watchedGeneration = _generation;
        }
        foreach (var host in _workers.Select(w => w.StageHost).OfType<Akka.Actor.IActorRef>()) host.Tell(WatchdogPing.Instance, Self);
        // Between steps (evaluating, checkpointing) nothing is owed: silence is not a hang.
        if (_pendingSteps.Count == 0)
        {
            _watchdog.HeardAll(now);
            return;
        }
        if (_watchdog.Hung(now) is { } hung) FenceHung(hung.Stage, hung.Silence, _watchdog.Deadline, now);
    }

    /// <summary>The worker hosting a hung stage is treated as lost: told to SIGKILL itself, then its stages are placed again.</summary>
    private void FenceHung(int stage, TimeSpan silence, TimeSpan deadline, long now)
    {
        if (_workers.FirstOrDefault(w => w.Stages.Contains(stage)) is not { } host) return;
        var planned = CountHangsFired(stage);
        var detectedBy = FormattableString.Invariant(
            $"stopped answering: watchdog (stage {stage} silent {silence.TotalMilliseconds:F0} ms, deadline {deadline.TotalMilliseconds:F0} ms), fenced with SIGKILL");
        _log.Warning("Watchdog: stage {Stage} on {Worker} silent {Silence:F0} ms with steps pending (deadline {Deadline:F0} ms); fencing the worker",
            stage, host, silence.TotalMilliseconds, deadline.TotalMilliseconds);
        // The stage went silent when it was last heard from: that is when the hang began, as near as the driver can tell.
        var since = now - (long)(silence.TotalSeconds * _clock.TimestampFrequency);
        _injected = (new FaultSpec(FaultKind.Hang, stage, stage, [], null, null, silence), host, since);
        if (planned is { } step) ReportInjected(FaultKind.Hang, stage, step, since);
        host.Node.Tell(new InjectNodeFault(Kill: true, $"fencing: stage {stage} hung (watchdog)"), Self);
        if (!TryRePlace(host, detectedBy)) Fail(new ClusterNodeLostException($"lost {host}: it {detectedBy}"));
    }

    /// <summary>
    /// A hang entry on this stage at a pending step fired in the fenced process: the plan's count goes up by one. Returns
    /// the step it fired at, or null for a hang nobody planned.
    /// </summary>
    private long? CountHangsFired(int stage)
    {
        long? step = null;
        for (var i = 0; i < _nodeLoss.Plan.Count; i++)
        {
            var f = _nodeLoss.Plan[i];
            if (f.Kind != FaultKind.Hang || f.Stage != stage || FirstPendingStep(f) is not { } at) continue;
            _faultsFired[i]++;
            step ??= at;
        }
        return step;
    }

    /// <summary>Before a worker hosts a new generation it learns which of the plan's faults have fired elsewhere.</summary>
    private void TellFaultsFired(WorkerEntry worker)
    {
        if (_faultsFired.Any(c => c > 0)) worker.Node.Tell(new FaultsFired(_faultsFired.ToArray()), Self);
    }
}
