using System.Globalization;
using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Checkpoints;
using Akka.Actor;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// Node faults and re-placement (recovery.on-node-loss = re-place, pipelines only). The driver injects a plan's
/// kill-node or leave-node through the hosting worker. On a lost worker it downs it (so spares can join while it is
/// gone), has the survivors release their stages and Gloo group while staying in the cluster, takes a spare worker
/// (one that joined after placement, or joins within recovery.spare-wait) or else co-locates the lost stages on the
/// survivors next to a neighbour, and places the stages again under a new generation (a new PrefixStore prefix: no
/// stale keys). Every stage starts from the newest in-memory snapshot with a surviving copy of every stage (see
/// ClusterDriver.Snapshots.cs), or else loads the last committed checkpoint (or starts from the run's start), and the
/// driver replays the same positions from there, so the run ends with the weights of a run without the fault.
/// </summary>
internal sealed partial class ClusterDriver
{
    private readonly List<WorkerEntry> _spares = new();
    // By reference: a WorkerEntry is a record whose placement changes while it waits here.
    private readonly HashSet<WorkerEntry> _releasing = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IActorRef> _retiredHosts = new();
    private readonly HashSet<FaultSpec> _fired = new();
    private readonly List<int> _orphanStages = new();
    private readonly List<NodeRecovery> _recoveries = new();
    private (FaultSpec Fault, WorkerEntry Worker, long At)? _injected;
    private NodeRecovery? _recovery, _replaying;
    private int _generation;
    private bool _awaitingSpare;
    private RunPosition _checkpointPosition = RunPosition.Start;
    private long _checkpointSamples;

    private sealed record SpareWaitOver(int Generation);

    private bool RePlaces => _nodeLoss.OnNodeLoss == NodeLossPolicy.RePlace && _shape.Replicas == 0;

    /// <summary>Registered first: what the stage hosts of a released generation still send is dropped, as are stale answers.</summary>
    private void ReceiveRecovery()
    {
        Receive<StepCompleted>(_ => { }, _ => _retiredHosts.Contains(Sender));
        Receive<StageSaved>(_ => { }, _ => _retiredHosts.Contains(Sender));
        Receive<EvaluationResult>(_ => { }, _ => _retiredHosts.Contains(Sender));
        Receive<WorkerFailure>(_ => { }, _ => _retiredHosts.Contains(Sender));
        Receive<LinkTraffic>(_ => { }, _ => _retiredHosts.Contains(Sender));
        Receive<StagesReady>(_ => { }, r => r.Generation != _generation);
        Receive<StagesReleased>(OnStagesReleased);
        Receive<SpareWaitOver>(OnSpareWaitOver);
    }

    /// <summary>Sends a plan's node faults due at <paramref name="step"/> to the worker hosting their stage, each once (a replay does not repeat it).</summary>
    private void InjectNodeFaults(long step)
    {
        foreach (var fault in _nodeLoss.NodeFaults)
        {
            if (!fault.Steps.Contains(step) || !_fired.Add(fault)) continue;
            if (_workers.FirstOrDefault(w => w.Stages.Contains(fault.Stage)) is not { } host) continue;
            var kill = fault.Kind == FaultKind.KillNode;
            var description = $"{EnumNames.Of(fault.Kind)} of {host} at step {step}";
            _log.Warning("Injecting {Fault}", description);
            _injected = (fault, host, _clock.GetTimestamp());
            ReportInjected(fault.Kind, fault.Stage, step, _injected.Value.At);
            host.Node.Tell(new InjectNodeFault(kill, description), Self);
        }
    }

    /// <summary>A spare joined after placement: it waits in the cluster until a worker is lost, or the run ends.</summary>
    private void AdmitSpare(WorkerEntry spare)
    {
        _spares.Add(spare);
        Context.Watch(spare.Node);
        spare.Node.Tell(new NodeWelcome(_workers.Count + _spares.Count - 1), Self);
        _log.Information("Worker {Address} (pid {Pid}) joined as a spare: it takes over the stages of a lost worker", spare.Address, spare.Pid);
        if (_awaitingSpare) TakeSparesOrWait();
    }

    /// <summary>A spare that goes away is only forgotten.</summary>
    private bool LostSpare(Akka.Actor.Address address)
    {
        if (_spares.FirstOrDefault(s => s.Address == address) is not { } spare) return false;
        _spares.Remove(spare);
        _log.Warning("Spare worker {Address} is gone", address);
        return true;
    }

    /// <summary>
    /// Starts (or, if a survivor is lost meanwhile, restarts) a re-placement without <paramref name="lost"/>; false where
    /// the run stops instead (on-node-loss = stop, or dp, whose replicas cannot be co-located).
    /// </summary>
    private bool TryRePlace(WorkerEntry lost, string detectedBy)
    {
        if (!RePlaces || _finished || !_placed) return false;
        var now = _clock.GetTimestamp();
        if (_recovery is null)
        {
            var injectedAt = _injected is { } i && i.Worker == lost ? i.At : (long?)null;
            _recovery = new NodeRecovery(lost.ToString(), detectedBy, now, injectedAt, _nextStep);
            _log.Warning("Lost {Worker}: it {DetectedBy}{After}; re-placing its stages", lost, detectedBy,
                injectedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $" ({_clock.GetElapsedTime(at, now).TotalSeconds:F2} s after the injected fault)") : "");
        }
        else _log.Warning("Lost {Worker} during the re-placement: it {DetectedBy}; starting over", lost, detectedBy);

        _workers.Remove(lost);
        Context.Unwatch(lost.Node);
        if (lost.StageHost is { } lostHost) Retire(lostHost);
        _orphanStages.AddRange(lost.Stages);
        // A worker that Gloo reported may still run: it must not come back into this run.
        lost.Node.Tell(new EndRun($"the driver lost this worker: it {detectedBy}"), Self);
        // Downed, the lost member no longer blocks the cluster's convergence, so a spare can join and come up.
        _cluster.Down(lost.Address);

        ReleaseEveryStage();
        return true;
    }

    /// <summary>
    /// A new generation begins: the steps in flight and a checkpoint not yet sealed are abandoned (the rollback point is
    /// the last committed one) and every worker releases its stages; once all have, the stages are placed again.
    /// </summary>
    private void ReleaseEveryStage()
    {
        _generation++;
        _training = false;
        _pendingSteps.Clear();
        (_ready, _stagesSaved, _savingTo, _checkpointDue, _finishAfterSave, _drainSent) = (0, 0, null, false, false, false);
        _releasing.Clear();
        foreach (var survivor in _workers)
        {
            if (survivor.StageHost is { } host) Retire(host);
            _releasing.Add(survivor);
            survivor.Node.Tell(new ReleaseStages(_generation), Self);
        }
        Timers.Cancel("spare-wait");
        _awaitingSpare = false;
        if (_releasing.Count == 0) TakeSparesOrWait();
    }

    private void Retire(IActorRef host)
    {
        _retiredHosts.Add(host);
        Context.Unwatch(host);
        foreach (var w in _workers.Where(w => host.Equals(w.StageHost))) w.StageHost = null;
    }

    private void OnStagesReleased(StagesReleased released)
    {
        if (released.Generation != _generation || _workers.FirstOrDefault(w => w.Node.Equals(Sender)) is not { } worker) return;
        _releasing.Remove(worker);
        if (_releasing.Count == 0) TakeSparesOrWait();
    }

    /// <summary>Spares take the lost workers' places; without one the driver waits up to spare-wait, then co-locates.</summary>
    private void TakeSparesOrWait()
    {
        while (_workers.Count < _settings.Workers && _spares.Count > 0)
        {
            var spare = _spares[0];
            _spares.RemoveAt(0);
            _workers.Add(spare);
            _log.Information("Spare {Address} (pid {Pid}) takes the lost stage(s) {Stages}", spare.Address, spare.Pid, string.Join(", ", _orphanStages));
        }
        if (_workers.Count >= _settings.Workers)
        {
            PlaceAgain();
            return;
        }
        if (_awaitingSpare) return;
        _awaitingSpare = true;
        _log.Warning("Waiting up to {Wait:F0} s for a spare worker (actortrain node --config ...), then co-locating the lost stage(s) on the survivors",
            _nodeLoss.SpareWait.TotalSeconds);
        Timers.StartSingleTimer("spare-wait", new SpareWaitOver(_generation), _nodeLoss.SpareWait);
    }

    private void OnSpareWaitOver(SpareWaitOver over)
    {
        if (over.Generation != _generation || !_awaitingSpare) return;
        _awaitingSpare = false;
        if (_workers.Count == 0)
        {
            Fail(new ClusterNodeLostException(
                $"every worker was lost and no spare joined within recovery.spare-wait = {_nodeLoss.SpareWait.TotalSeconds:F0} s; lost: {_recovery?.Lost}"));
            return;
        }
        PlaceAgain();
    }

    /// <summary>
    /// The lost stages go to the workers without stages (spares), contiguously, or else each to the survivor hosting its
    /// nearest stage (a neighbour, so that link stays in one process); every worker then gets the new generation's plan.
    /// </summary>
    private void PlaceAgain()
    {
        Timers.Cancel("spare-wait");
        _awaitingSpare = false;
        var newcomers = _workers.Where(w => w.Stages.Length == 0).ToList();
        var orphans = _orphanStages.Order().ToList();
        _orphanStages.Clear();
        if (newcomers.Count > 0)
        {
            var spread = StagePlacement.Place(orphans.Count, newcomers.Count, []);
            for (var n = 0; n < newcomers.Count; n++)
                newcomers[n].Stages = orphans.Where((_, k) => spread[k] == n).ToArray();
        }
        else
            foreach (var stage in orphans)
            {
                var host = _workers.MinBy(w => w.Stages.Min(s => Math.Abs(s - stage)))!;
                host.Stages = [.. host.Stages, stage];
                Array.Sort(host.Stages);
            }
        // A spare with nothing to host (more spares than lost stages) waits on as a spare.
        foreach (var idle in _workers.Where(w => w.Stages.Length == 0).ToList())
        {
            _workers.Remove(idle);
            _spares.Add(idle);
        }

        var stageRanks = new int[_shape.Balance.Length];
        for (var rank = 0; rank < _workers.Count; rank++)
        {
            _workers[rank].Rank = rank;
            foreach (var stage in _workers[rank].Stages) stageRanks[stage] = rank;
        }
        var (resumeFrom, restore) = RollBack(stageRanks, orphans);
        _recovery!.Placement = string.Join("; ", _workers);
        var prefix = $"{Path.GetFileName(_options.RunDirectory)}/generation-{_generation}";
        _log.Information("Re-placing under generation {Generation} ({Prefix}) from {Point}: {Placement}", _generation, prefix, _recovery.RollbackPoint,
            _recovery.Placement);
        foreach (var worker in _workers)
        {
            TellFaultsFired(worker);
            worker.Node.Tell(new HostStages(worker.Rank, _workers.Count, _shape.Balance, stageRanks, _settings.Hostname, _settings.StorePort, prefix,
                _options.RunDirectory!, resumeFrom, _generation, Profile: WorkersRecord, Buddy: BuddyOf(worker.Rank), Restore: restore), Self);
        }
    }

    /// <summary>Every worker of the new generation is ready: training goes on from the rollback point. False when no re-placement was under way.</summary>
    private bool ResumeAfterRePlacement()
    {
        if (_recovery is not { } recovery) return false;
        _recovery = null;
        recovery.RecoveryTime = _clock.GetElapsedTime(recovery.DetectedAt);
        _log.Warning("Recovered from the loss of {Lost} in {Seconds:F2} s (detected: it {By}): replaying {Steps} step(s) from step {From} ({Point})",
            recovery.Lost, recovery.RecoveryTime.TotalSeconds, recovery.DetectedBy, Math.Max(0, recovery.ReachedStep - recovery.RollbackStep),
            recovery.RollbackStep, recovery.RollbackPoint);
        _recoveries.Add(recovery);
        _replaying = recovery;
        // A worker lost before training started: the run's clock starts now.
        if (_startTimestamp == 0) _startTimestamp = _clock.GetTimestamp();
        _training = true;
        Pump();
        return true;
    }

    /// <summary>Called for each completed step: once the replay is back at the step the loss interrupted, the time lost is known.</summary>
    private void OnStepReplayed()
    {
        if (_replaying is not { } replaying || _position.Step < replaying.ReachedStep) return;
        _replaying = null;
        replaying.TimeLost = _clock.GetElapsedTime(replaying.LostFrom);
        ReportRecovered(replaying);
        _log.Warning("{Report}", Describe(replaying));
    }

    /// <summary>Where a committed checkpoint leaves the run, the point a re-placement rolls back to.</summary>
    private void CommitRollbackPoint()
    {
        _checkpointPosition = _position;
        _checkpointSamples = _samples;
    }

    private string Describe(NodeRecovery r)
    {
        var detect = r.InjectedAt is { } at
            ? FormattableString.Invariant($"{_clock.GetElapsedTime(at, r.DetectedAt).TotalSeconds:F2} s after the injected fault")
            : "time to detect unknown (not injected)";
        var lost = r.TimeLost is { } t ? FormattableString.Invariant($"{t.TotalSeconds:F2} s") : "n/a (the run ended first)";
        return FormattableString.Invariant(
            $"Node fault recovery: lost {r.Lost}; detected: it {r.DetectedBy}, {detect}; recovery: re-placement in {r.RecoveryTime.TotalSeconds:F2} s onto {r.Placement}; ") +
            FormattableString.Invariant(
            $"rolled back to step {r.RollbackStep} ({r.RollbackPoint}); steps replayed {Math.Max(0, r.ReachedStep - r.RollbackStep)}; time lost {lost}");
    }
}
