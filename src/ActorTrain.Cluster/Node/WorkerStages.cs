using ActorTrain.Cluster.Links;
using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Torch;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Links.Messages;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Policy;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Schedules;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// The stages the driver placed on this worker, for one run. It builds the whole model under the run's seed (so each
/// stage starts with the weights it has in a one-process run, or loads them from the checkpoint a resumed run names),
/// keeps its own stages as <see cref="SyncStageActor"/>s (or <see cref="AsyncStageActor"/>s without flush), joins the
/// workers' Gloo group, links neighbours in this process by reference and neighbours elsewhere over Gloo (both under the
/// link protocol, with the run's fault plan as a decorator nearest the wire; it carries the protocol's answers from its
/// stages to the peers over Gloo), fills its
/// first stage's inputs and last stage's labels from the positions the driver sends (test batches alike), and relays
/// the stages' reports (steps completed, test scores, files saved, failures) to the driver. Runs on a thread of its
/// own: it blocks on Gloo.
/// </summary>
internal sealed partial class WorkerStages : ReceiveActor
{
    private readonly HostStages _plan;
    private readonly TrainingOptions _options;
    private readonly Dataset _dataset;
    private readonly BatchLoader _train, _test;
    private readonly IActorRef _driver;
    private readonly TimeSpan _linkTimeout;
    private readonly string _localAddress;
    private readonly ILogger _log;
    private readonly StopAndRememberStrategy _strategy = new();
    private readonly Dictionary<int, IActorRef> _stageActors = new();
    private readonly List<GlooLink> _outgoing = new();
    private readonly List<GlooReceiveLoop> _incoming = new();
    private readonly GlooTraffic _traffic = new();
    private readonly LinkFactory _links;
    private readonly LinkEventTally _linkEvents;
    private readonly FaultMarks _faultMarks;
    private readonly bool _checkFinite;
    private readonly EpochMeter _meter = new(TimeProvider.System);
    private readonly Batch _batch, _testBatch;
    private readonly long[] _inputShape;

    private readonly IReadOnlyDictionary<int, byte[]>? _restored;

    private IReadOnlyList<PipelineStage> _mine = [];
    private GlooGroup? _gloo;
    private bool _ended;

    private sealed record LinkFailed(int PeerRank, string Reason);

    public WorkerStages(HostStages plan, TrainingOptions options, Dataset dataset, IActorRef driver, ClusterSettings cluster, WorkerLinks links,
        IReadOnlyDictionary<int, byte[]>? restored, ILogger log)
    {
        (_plan, _options, _dataset, _driver, _linkTimeout, _localAddress, _restored, _log) =
            (plan, options, dataset, driver, cluster.LinkTimeout, cluster.WorkerHostname, restored, log);
        // Each generation of a run (a re-placement, a restart) stamps its own on the link protocol, as a rollback in one
        // process does: stage faults count their firings per generation, and a stale frame could never pass for a new one.
        _links = links.Factory.WithGeneration(plan.Generation + 1);
        _linkEvents = new LinkEventTally(links.Observer);
        _faultMarks = links.Marks;
        _checkFinite = links.CheckFinite;
        _train = new BatchLoader(dataset.Train, dataset.Normalization,
            new BatchLoaderOptions { BatchSize = options.BatchSize, Shuffle = options.Shuffle, Seed = options.Seed });
        _test = TestLoader();
        _batch = _train.CreateBatch();
        _testBatch = _test.CreateBatch();
        _inputShape = options.Model.InputShape.Select(d => (long)d).ToArray();

        ReceiveStorageFaults();
        Receive<GlooGroup>(OnGroupJoined);
        Receive<Status.Failure>(f => Report(WorkerFailure.NoPeer, $"joining the Gloo group failed: {f.Cause.Message}"));
        Receive<RunStepAt>(OnRunStepAt);
        Receive<DrainPipeline>(_ =>
        {
            foreach (var actor in _stageActors.Values) actor.Tell(PipelineDrain.Instance, Self);
        });
        Receive<StepCompleted>(done => _driver.Tell(done, Self));
        // The driver's watchdog asks the stages themselves: a hung stage thread cannot answer, this actor's thread can.
        Receive<WatchdogPing>(ping =>
        {
            foreach (var actor in _stageActors.Values) actor.Forward(ping);
        });
        Receive<EvaluateAt>(OnEvaluateAt);
        Receive<EvaluationResult>(result => _driver.Tell(result, Self));
        Receive<SaveStages>(OnSaveStages);
        Receive<StageSaved>(saved => _driver.Tell(saved, Self));
        Receive<SnapshotTaken>(OnSnapshotTaken);
        Receive<LinkFailed>(f => Report(f.PeerRank, f.Reason));
        Receive<LinkAck>(Answer);
        Receive<ResendRequest>(Answer);
        Receive<Terminated>(t =>
        {
            if (!_ended) Report(WorkerFailure.NoPeer, $"{t.ActorRef.Path.Name} failed: {_strategy.CauseOf(t.ActorRef)?.Message ?? "stopped"}");
        });
        Receive<WriteProfilePart>(w => Sender.Tell(ProfilePart.Write(_recorder, _plan.Rank, w.Directory, _log), Self));
        Receive<EndRun>(_ =>
        {
            _ended = true;
            Context.Stop(Self);
        });
    }

    public static Props Props(HostStages plan, TrainingOptions options, Dataset dataset, IActorRef driver, ClusterSettings cluster, WorkerLinks links,
        IReadOnlyDictionary<int, byte[]>? restored, ILogger log) =>
        Akka.Actor.Props.Create(() => new WorkerStages(plan, options, dataset, driver, cluster, links, restored, log)).WithDispatcher(StageDispatcher.Id);

    /// <summary>The test split as a one-process run batches it (see TrainingRun), so test batch indices mean the same everywhere.</summary>
    private BatchLoader TestLoader() => new(_dataset.Test, _dataset.Normalization,
        new BatchLoaderOptions { BatchSize = Math.Max(_options.BatchSize, 256), Shuffle = false, Seed = _options.Seed });

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    private bool IsLocal(int stage) => _plan.StageRanks[stage] == _plan.Rank;

    protected override void PreStart()
    {
        var all = StageFactory.Create(_options.Model, _plan.Balance, _options);
        if (_plan.ResumeFrom is { } checkpoint)
        {
            try
            {
                ResumePoint.Read(_options with { ResumeFrom = checkpoint }, _log).LoadInto(all.Select(s => s.Layers).ToList(),
                    _options.ResumeOptimizerState ? all.Select(s => s.Optimizer).ToList() : null);
            }
            catch (Exception e) when (e is CheckpointException or IOException or TorchException)
            {
                // This worker cannot see the checkpoint (another machine without the shared path, a damaged file): the run cannot start.
                foreach (var stage in all) stage.Dispose();
                Report(WorkerFailure.NoPeer, $"loading the checkpoint {checkpoint} failed: {e.Message}");
                return;
            }
        }
        _mine = all.Where(s => IsLocal(s.Index)).ToList();
        foreach (var other in all.Where(s => !IsLocal(s.Index))) other.Dispose();
        if (!RestoreSnapshots()) return;
        StartRecording();
        _log.Information("Worker rank {Rank}: hosting stage(s) {Stages}; joining the Gloo group at {Host}:{Port} ({Prefix})",
            _plan.Rank, string.Join(", ", _mine.Select(s => s.Index)), _plan.StoreHost, _plan.StorePort, _plan.StorePrefix);
        var (plan, timeout, local) = (_plan, _linkTimeout, _localAddress);
        Task.Run(() => GlooGroup.Join(plan, timeout, local)).PipeTo(Self);
    }

    private void OnGroupJoined(GlooGroup joined)
    {
        _gloo = joined;
        foreach (var stage in _mine)
        {
            var actor = Context.ActorOf(StageProps(stage).WithDispatcher(StageDispatcher.Id), $"stage-{stage.Index}");
            Context.Watch(actor);
            _stageActors[stage.Index] = actor;
        }
        foreach (var stage in _mine)
        {
            var actor = _stageActors[stage.Index];
            var inbox = _links.Inbox(stage.Index, actor, Context.System.Scheduler, LinkObserver, TimeProvider.System);
            actor.Tell(new WireStage(Link(stage.Index, stage.Index - 1), Link(stage.Index, stage.Index + 1), Self, inbox, _checkFinite,
                HandSnapshotsOver: true), Self);
        }
        foreach (var loop in _incoming) loop.Start();
        _driver.Tell(new StagesReady(_plan.Rank, _plan.Generation), Self);
    }

    /// <summary>A stage as the one-process supervisor makes it: with flush under the schedule, or without (async) with p - k in flight at stage k.</summary>
    private Props StageProps(PipelineStage stage)
    {
        var (options, log, meter) = (_options, _log, StageObserver);
        if (!options.WithoutFlush)
            return Akka.Actor.Props.Create(() => new SyncStageActor(stage, ScheduleFactory.Create(options.Pipeline.Schedule),
                meter, TimeProvider.System, log));
        var inFlight = options.Async.InFlightAt(stage.Index, _plan.Balance.Length);
        return Akka.Actor.Props.Create(() => new AsyncStageActor(stage, inFlight, options.Async, meter, TimeProvider.System, log));
    }

    /// <summary>The link from local stage <paramref name="from"/> to <paramref name="to"/>; a remote neighbour also gets a receive loop for what it sends back.</summary>
    private IStageLink? Link(int from, int to)
    {
        if (to < 0 || to >= _plan.Balance.Length) return null;
        var (scheduler, sender) = (Context.System.Scheduler, _stageActors[from]);
        if (IsLocal(to)) return _links.ConnectSequenced(from, to, _stageActors[to], sender, scheduler, LinkObserver, TimeProvider.System);
        var peer = _plan.StageRanks[to];
        var receiver = _stageActors[from];
        var self = Self;
        // Each loop reads test labels on its own thread, from its own loader.
        var (test, testBatch) = (TestLoader(), _test.CreateBatch());
        Tensor TestLabels(long batch)
        {
            test.Fill(0, (int)batch, testBatch);
            return Tensor.FromSpan(testBatch.FilledLabels, [testBatch.Count]);
        }
        // Frames come from this actor, so the receiving stage's answers (acknowledgements, resend requests) reach it to go back over Gloo.
        _incoming.Add(new GlooReceiveLoop(_gloo!.Group, peer, to, from, _linkTimeout, m => receiver.Tell(m, self), c => receiver.Tell(c, ActorRefs.NoSender),
            TestLabels, e => self.Tell(new LinkFailed(peer, $"link {to}->{from} from rank {peer}: {e.Message}")), _recorder));
        var link = new GlooLink(_gloo!.Group, peer, from, to, _linkTimeout, _traffic, _recorder);
        _outgoing.Add(link);
        // Its sends are recorded on the Gloo lane by the GlooLink itself (a blocking send spans the transfer), not on the stage's lane.
        return _links.ConnectSequenced(link, sender, scheduler, _linkEvents, TimeProvider.System);
    }

    private void OnRunStepAt(RunStepAt at)
    {
        _train.Fill(at.Epoch, at.Batch, _batch);
        using var micro = MicroBatching.Split(_batch, _inputShape, _options.Pipeline.MicroBatches);
        foreach (var (index, actor) in _stageActors)
        {
            var first = index == 0;
            var last = index == _plan.Balance.Length - 1;
            actor.Tell(new RunStep(at.Step, micro.Count, _batch.Count, first ? micro.Inputs() : null, last ? micro.Labels() : null, at.SnapshotFirst), Self);
        }
    }

    private void OnEvaluateAt(EvaluateAt at)
    {
        _test.Fill(0, (int)at.Batch, _testBatch);
        var input = Tensor.FromSpan(_testBatch.FilledFeatures, [_testBatch.Count, .. _inputShape]);
        var labels = Tensor.FromSpan(_testBatch.FilledLabels, [_testBatch.Count]);
        _stageActors[0].Tell(new Evaluate(at.Batch, input, labels), Self);
    }

    /// <summary>A local stage's answer about frames from a stage on another worker: it goes back on the Gloo link the other way.</summary>
    private void Answer(ILinkControl answer)
    {
        if (_ended || _outgoing.FirstOrDefault(l => l.From == answer.To && l.To == answer.From) is not { } back) return;
        try
        {
            back.Answer(answer);
        }
        catch (DistributedException e)
        {
            Report(_plan.StageRanks[answer.From], $"answering on link {answer.To}->{answer.From}: {e.Message}");
        }
    }

    private void OnSaveStages(SaveStages save)
    {
        // The pipeline is drained at a checkpoint: the traffic so far is every send of the steps done.
        _driver.Tell(_traffic.Snapshot(_plan.Rank), Self);
        _driver.Tell(_linkEvents.Snapshot(_plan.Rank), Self);
        StageTimeReport.Send(_meter, _driver, Self);
        Directory.CreateDirectory(save.Directory);
        var metadata = save.Metadata();
        foreach (var (index, actor) in _stageActors) actor.Tell(new SaveStage(save.StagePath(index), metadata), Self);
    }

    private void Report(int peer, string reason)
    {
        _log.Error("Worker rank {Rank}: {Reason}", _plan.Rank, reason);
        _driver.Tell(new WorkerFailure(_plan.Rank, peer, reason), Self);
    }

    protected override void PostStop()
    {
        _ended = true;
        // Stage actors stop with this one and free their stages; a stage never started is freed here.
        if (_stageActors.Count == 0)
            foreach (var stage in _mine) stage.Dispose();
        foreach (var link in _outgoing) link.Close();
        foreach (var loop in _incoming) loop.Join(_linkTimeout);
        _gloo?.Dispose();
    }
}
