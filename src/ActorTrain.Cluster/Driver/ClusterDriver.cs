using ActorTrain.Cluster.Messages;
using ClusterSettings = ActorTrain.Config.Settings.ClusterSettings;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Runs;
using Akka.Actor;
using Akka.Cluster;
using Serilog;
using static Akka.Cluster.ClusterEvent;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Options;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// The driver of a clustered pipeline, with or without flush, of clustered dp, of clustered decoupled training, or of
/// clustered ist, where it is the parameter server itself (ClusterDriver.Ist.cs) (<c>/user/cluster-driver</c> on the seed
/// node; a mode plan's later entries have drivers of their own, see DriverGeneration). It admits workers whose version
/// and configuration fingerprint match its own, places the stages (dp: one replica per worker, ist: one subnet per
/// worker) once enough have joined, hosts the TCPStore their Gloo group meets at, then sends mini-batch positions (a
/// window of two steps; without flush as many as the one-process supervisor keeps), counts each stage's step report,
/// scores the test split after each epoch, has every worker save its stages at the end and writes the manifest last. A
/// worker that is lost (unreachable, gone, its actor dead, or a Gloo error reported by a neighbour) fails the run naming
/// it and its stages, or with recovery.on-node-loss = re-place has its stages placed again (see ClusterDriver.Recovery.cs).
/// </summary>
internal sealed partial class ClusterDriver : ReceiveActor, IWithTimers
{
    private const int StepWindow = 2;

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ClusterSettings _settings;
    private readonly NodeLossSettings _nodeLoss;
    private readonly TrainingOptions _options;
    private readonly RunShape _shape;
    private readonly ConfigIdentity _identity;
    private readonly ITrainingObserver _observer;
    private readonly ILogger _log;
    private readonly TaskCompletionSource<ClusterRunResult> _done;
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly List<WorkerEntry> _workers = new();
    private readonly Dictionary<long, (int Reported, int Samples)> _pendingSteps = new();
    private readonly SortedDictionary<int, LinkTraffic> _traffic = new();

    private TcpStore? _store;
    private bool _placed, _training, _finished, _interrupted;
    private int _ready;
    private RunPosition _position = RunPosition.Start;
    private long _nextStep, _samples, _startTimestamp;
    private double _lastLoss = double.NaN;

    private sealed record JoinTimedOut;

    public ClusterDriver(ClusterSettings settings, TrainingOptions options, RunShape shape, ConfigIdentity identity, ITrainingObserver observer,
        ILogger log, TaskCompletionSource<ClusterRunResult> done, NodeLossSettings nodeLoss)
    {
        (_settings, _options, _shape, _identity, _observer, _log, _done, _nodeLoss) = (settings, options, shape, identity, observer, log, done, nodeLoss);
        _position = shape.Start;
        _nextStep = _checkpointedStep = shape.Start.Step;
        CommitRollbackPoint();

        ReceiveRecovery();
        ReceiveSnapshots();
        ReceiveWatchdog();
        ReceiveStorageFaults();

        ReceiveProfiling();
        Receive<NodeHello>(OnHello);
        Receive<JoinTimedOut>(_ => OnJoinTimedOut());
        Receive<StagesReady>(OnStagesReady);
        Receive<StepCompleted>(OnStepCompleted);
        Receive<EvaluationResult>(OnEvaluationResult);
        Receive<StageSaved>(OnStageSaved);
        Receive<LinkTraffic>(t => _traffic[t.Rank] = t);
        Receive<LinkHealth>(h => _linkHealth[h.Rank] = h);
        Receive<WorkerFailure>(OnWorkerFailure);
        Receive<InterruptRun>(_ => OnInterrupt());
        ReceivePlanGenerations();
        ReceiveIstServer();
        Receive<UnreachableMember>(u => Lost(u.Member.Address, "became unreachable (Akka.Cluster failure detector)"));
        Receive<MemberRemoved>(m => Lost(m.Member.Address, "left the cluster"));
        Receive<MemberExited>(m => Lost(m.Member.Address, "left the cluster"));
        Receive<MemberLeft>(m => Lost(m.Member.Address, "is leaving the cluster"));
        Receive<IMemberEvent>(_ => { });
        Receive<Terminated>(t =>
        {
            if (_workers.FirstOrDefault(w => w.Node.Equals(t.ActorRef) || t.ActorRef.Equals(w.StageHost)) is { } w)
                Lost(w.Address, "stopped (remote death watch)");
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClusterSettings settings, TrainingOptions options, RunShape shape, ConfigIdentity identity, ITrainingObserver observer,
        ILogger log, TaskCompletionSource<ClusterRunResult> done, NodeLossSettings nodeLoss) =>
        Akka.Actor.Props.Create(() => new ClusterDriver(settings, options, shape, identity, observer, log, done, nodeLoss));

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, InitialStateAsEvents, typeof(IMemberEvent), typeof(UnreachableMember));
        Timers.StartSingleTimer("join-timeout", new JoinTimedOut(), _settings.JoinTimeout);
        StartWatchdog();
        _log.Information("Driver at {Address}: waiting up to {Timeout:F0} s for {Workers} worker(s) (actortrain node --config ...)",
            _cluster.SelfAddress, _settings.JoinTimeout.TotalSeconds, _settings.Workers);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _store?.Dispose();
    }

    private void OnHello(NodeHello hello)
    {
        var address = Address.Parse(hello.Address);
        if (_workers.FirstOrDefault(w => w.Address == address) is { } known)
        {
            Sender.Tell(new NodeWelcome(_workers.IndexOf(known)), Self);
            return;
        }
        if (_spares.FirstOrDefault(w => w.Address == address) is { } waiting)
        {
            Sender.Tell(new NodeWelcome(_workers.Count + _spares.IndexOf(waiting)), Self);
            return;
        }
        // With re-place, a worker that joins after placement waits as a spare.
        if ((_placed && !RePlaces) || _finished)
        {
            Sender.Tell(new NodeRefused("the run already has its workers"), Self);
            return;
        }
        var who = $"worker {address} (pid {hello.Pid})";
        if (hello.Version != _identity.Version)
        {
            Refuse($"{who} runs ActorTrain {hello.Version}, the driver {_identity.Version}");
            return;
        }
        if (hello.Fingerprint != _identity.Fingerprint)
        {
            var keys = _identity.DifferingKeys(hello.ConfigLines);
            Refuse($"{who} has another configuration (fingerprint {hello.Fingerprint[..12]}, the driver's {_identity.Fingerprint[..12]}); " +
                   $"differing keys:\n  {string.Join("\n  ", keys)}");
            return;
        }
        var worker = new WorkerEntry(Sender, address, hello.Pid);
        if (_placed)
        {
            AdmitSpare(worker);
            return;
        }
        _workers.Add(worker);
        Context.Watch(Sender);
        Sender.Tell(new NodeWelcome(_workers.Count - 1), Self);
        MeasureClock(worker);
        _log.Information("Worker {Address} (pid {Pid}) joined: {Joined} of {Workers}", address, hello.Pid, _workers.Count, _settings.Workers);
        if (_workers.Count == _settings.Workers) Place();
    }

    /// <summary>Before placement a mismatched worker stops the run; a mismatched spare is only turned away.</summary>
    private void Refuse(string reason)
    {
        Sender.Tell(new NodeRefused(reason), Self);
        if (_placed) _log.Error("Refused a spare: {Reason}", reason);
        else Fail(new ClusterRefusedException(reason));
    }

    private void OnJoinTimedOut()
    {
        if (_placed || _finished) return;
        var joined = _workers.Count == 0 ? "none" : string.Join(", ", _workers);
        Fail(new ClusterJoinException(
            $"join timeout: {_workers.Count} of {_settings.Workers} worker(s) joined within {_settings.JoinTimeout.TotalSeconds:F0} s; joined: {joined}"));
    }

    /// <summary>Orders the workers by cluster age, places the stages, opens the store and sends every worker its part.</summary>
    private void Place()
    {
        _placed = true;
        Timers.Cancel("join-timeout");
        var members = _cluster.State.Members.ToDictionary(m => m.Address);
        _workers.Sort((a, b) => members.TryGetValue(a.Address, out var ma) && members.TryGetValue(b.Address, out var mb)
            ? Member.AgeOrdering.Compare(ma, mb) : 0);
        int[] stageRanks;
        try
        {
            stageRanks = StagePlacement.Place(_shape.Units, _workers.Count, _settings.Placement);
            // Every worker joins the group, and every member of a group must take part in each all-reduce.
            if (_shape.Replicas > 0 && stageRanks.Distinct().Count() != _workers.Count)
                throw new ArgumentException($"clustered dp runs one replica per worker; placement [{string.Join(", ", stageRanks)}] does not");
            _store = TcpStore.CreateServer(_settings.Hostname, _settings.StorePort, _settings.LinkTimeout);
        }
        catch (Exception e) when (e is ArgumentException or DistributedException)
        {
            Fail(new ClusterRefusedException(e.Message));
            return;
        }
        var prefix = $"{Path.GetFileName(_options.RunDirectory)}/generation-0";
        for (var rank = 0; rank < _workers.Count; rank++)
        {
            var worker = _workers[rank];
            worker.Rank = rank;
            worker.Stages = Enumerable.Range(0, stageRanks.Length).Where(k => stageRanks[k] == rank).ToArray();
            worker.Hosts = ServesIst ? "subnet" : _shape.Replicas > 0 ? "replica" : "stage(s)";
            _log.Information("Placement: {Worker}", worker.ToString());
            worker.Node.Tell(RunEntry.Of(_options), Self);
            worker.Node.Tell(new HostStages(rank, _workers.Count + (ServesIst ? 1 : 0), _shape.Balance, stageRanks, _settings.Hostname, _settings.StorePort,
                prefix, _options.RunDirectory!, _shape.ResumeFrom, Profile: WorkersRecord, Buddy: BuddyOf(rank)), Self);
        }
        if (ServesIst) JoinAsServer(prefix);
    }

    private void OnStagesReady(StagesReady ready)
    {
        var worker = _workers[ready.Rank];
        worker.StageHost = Sender;
        Context.Watch(Sender);
        if (++_ready < _workers.Count || ResumeAfterRePlacement()) return;
        if (ServesIst)
        {
            StartIstWhenReady();
            return;
        }
        _log.Information("Every worker joined the Gloo group: training {Epochs} epoch(s) of {Batches} steps", _options.Epochs, _shape.BatchesPerEpoch);
        _training = true;
        ReportRunStarted();
        _startTimestamp = _clock.GetTimestamp();
        Pump();
    }

    /// <summary>Training drains to a checkpoint (see Pump); before training starts there is nothing to save, so the run ends at once.</summary>
    private void OnInterrupt()
    {
        if (_finished || _interrupted) return;
        _interrupted = true;
        _log.Warning("Interrupted: finishing the steps in flight and writing a checkpoint on the workers");
        if (!_training)
        {
            _finished = true;
            foreach (var w in _workers) w.Node.Tell(new EndRun("the driver was interrupted before training started"), Self);
            _done.TrySetResult(new ClusterRunResult(new TrainingResult(0, 0, null, null, double.NaN, TimeSpan.Zero, null, Interrupted: true), []));
            return;
        }
        if (ServesIst) InterruptIst();
        else Pump();
    }

    private void OnWorkerFailure(WorkerFailure failure)
    {
        var reporter = _workers.FirstOrDefault(w => w.Rank == failure.Rank);
        if (failure.PeerRank >= 0 && _workers.FirstOrDefault(w => w.Rank == failure.PeerRank) is { } peer)
        {
            if (!TryRePlace(peer, $"failed a Gloo call ({reporter} reports {failure.Reason})"))
                Fail(new ClusterNodeLostException($"lost {peer}: {reporter} reports {failure.Reason}"));
        }
        else
        {
            var why = "";
            if (reporter is null || !TryRestartStages(reporter, failure.Reason, out why))
                Fail(new ClusterNodeLostException($"{reporter} failed at step {_position.Step}: {failure.Reason}{why}"));
        }
    }

    private void Lost(Address address, string what)
    {
        if (_finished || LostSpare(address) || _workers.FirstOrDefault(w => w.Address == address) is not { } worker) return;
        if (!_placed)
        {
            _workers.Remove(worker);
            _log.Warning("Worker {Address} {What} before the run started", address, what);
            return;
        }
        if (!TryRePlace(worker, what)) Fail(new ClusterNodeLostException($"lost {worker}: it {what}"));
    }

    /// <summary>Ends the run with <paramref name="reason"/>: the workers still there stop their stages, and the caller exits.</summary>
    private void Fail(Exception reason)
    {
        if (_finished) return;
        _finished = true;
        _log.Error("Clustered run failed: {Reason}", reason.Message);
        foreach (var w in _workers.Concat(_spares)) w.Node.Tell(new EndRun(reason.Message), Self);
        _done.TrySetException(reason);
    }

    private void Finish()
    {
        if (CollectingProfileParts()) return;
        _finished = true;
        ReportLinkHealth();
        foreach (var w in _workers.Concat(_spares)) w.Node.Tell(EndRun.Done, Self);
        _done.TrySetResult(new ClusterRunResult(new TrainingResult(_position.Step, _samples, _testAccuracy, _testLoss, _lastLoss,
            _clock.GetElapsedTime(_startTimestamp), _lastCheckpoint, _interrupted), _traffic.Values.ToList())
        {
            Recoveries = _recoveries.Select(Describe).ToList(),
            SnapshotsReplicated = _snapshotsReplicated,
        });
    }
}
