using System.Globalization;
using ActorTrain.Cluster.Links;
using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Torch;
using ActorTrain.Training;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Decoupled.Messages;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Policy;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// The decoupled stages (synthetic intermediate labels) the driver placed on this worker, for one run generation. It
/// builds every stage and code table as the one-process run does (drawn from the run's seed, or read back from the
/// checkpoint a resumed run names) and keeps its own as <see cref="DecoupledStageActor"/>s, so each stage starts with
/// the weights, codes and noise stream it has in one process. Each training position from the driver becomes that
/// batch's sample indices and labels, read from this worker's own data: nothing else reaches a stage while it trains.
/// Across a boundary to another worker only the sequential variant's outputs and test batches chained at inference
/// travel, over Gloo (<see cref="DecoupledGlooLink"/>). The worker with stage 0 writes the code tables beside its stage
/// file at each checkpoint. Runs on a thread of its own: it blocks on Gloo.
/// </summary>
internal sealed class WorkerDecoupledStages : ReceiveActor
{
    private readonly HostStages _plan;
    private readonly TrainingOptions _options;
    private readonly DecoupledSettings _settings;
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
    private readonly EpochMeter _meter = new(TimeProvider.System);
    private readonly Batch _batch, _testBatch;

    private IReadOnlyList<DecoupledStage> _mine = [];
    private IReadOnlyList<SyntheticLabelTable> _tables = [];
    private GlooGroup? _gloo;
    private bool _ended;

    private sealed record LinkFailed(int PeerRank, string Reason);

    public WorkerDecoupledStages(HostStages plan, TrainingOptions options, DecoupledSettings settings, Dataset dataset, IActorRef driver,
        ClusterSettings cluster, ILogger log)
    {
        (_plan, _options, _settings, _dataset, _driver, _linkTimeout, _localAddress, _log) =
            (plan, options, settings, dataset, driver, cluster.LinkTimeout, cluster.WorkerHostname, log);
        // The loaders of DecoupledRun: the same shuffle per epoch, the same test batches.
        _train = new BatchLoader(dataset.Train, dataset.Normalization,
            new BatchLoaderOptions { BatchSize = options.BatchSize, Shuffle = options.Shuffle, Seed = options.Seed });
        _test = TestLoader();
        _batch = _train.CreateBatch();
        _testBatch = _test.CreateBatch();

        Receive<GlooGroup>(OnGroupJoined);
        Receive<Status.Failure>(f => Report(WorkerFailure.NoPeer, $"joining the Gloo group failed: {f.Cause.Message}"));
        Receive<RunStepAt>(OnRunStepAt);
        Receive<BatchTrained>(done => _driver.Tell(new StepCompleted(done.Stage, done.Step, IsLast(done.Stage) ? done.Loss : null, 0), Self));
        Receive<EvaluateAt>(OnEvaluateAt);
        Receive<StageEvaluated>(OnStageEvaluated);
        Receive<SaveStages>(OnSaveStages);
        Receive<StageSaved>(saved => _driver.Tell(saved, Self));
        Receive<LinkFailed>(f => Report(f.PeerRank, f.Reason));
        Receive<Terminated>(t =>
        {
            if (!_ended) Report(WorkerFailure.NoPeer, $"{t.ActorRef.Path.Name} failed: {_strategy.CauseOf(t.ActorRef)?.Message ?? "stopped"}");
        });
        Receive<EndRun>(_ =>
        {
            _ended = true;
            Context.Stop(Self);
        });
    }

    public static Props Props(HostStages plan, TrainingOptions options, DecoupledSettings settings, Dataset dataset, IActorRef driver,
        ClusterSettings cluster, ILogger log) =>
        Akka.Actor.Props.Create(() => new WorkerDecoupledStages(plan, options, settings, dataset, driver, cluster, log))
            .WithDispatcher(StageDispatcher.Id);

    private BatchLoader TestLoader() => new(_dataset.Test, _dataset.Normalization,
        new BatchLoaderOptions { BatchSize = Math.Max(_options.BatchSize, 256), Shuffle = false, Seed = _options.Seed });

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    private bool IsLocal(int stage) => _plan.StageRanks[stage] == _plan.Rank;

    private bool IsLast(int stage) => stage == _plan.Balance.Length - 1;

    protected override void PreStart()
    {
        IReadOnlyList<DecoupledStage> all;
        try
        {
            all = DecoupledSetup.Create(_options with { ResumeFrom = _plan.ResumeFrom }, _settings, _log, _plan.Balance).Stages;
        }
        catch (TrainingSetupException e)
        {
            // This worker cannot see the checkpoint (another machine without the shared path, a damaged file): the run cannot start.
            Report(WorkerFailure.NoPeer, $"setting up the decoupled stages failed: {e.Message}");
            return;
        }
        _tables = all.Select(s => s.TargetCodes).OfType<SyntheticLabelTable>().ToList();
        _mine = all.Where(s => IsLocal(s.Index)).ToList();
        foreach (var other in all.Where(s => !IsLocal(s.Index))) other.Dispose();
        _log.Information("Worker rank {Rank}: hosting decoupled stage(s) {Stages}; joining the Gloo group at {Host}:{Port} ({Prefix})",
            _plan.Rank, string.Join(", ", _mine.Select(s => s.Index)), _plan.StoreHost, _plan.StorePort, _plan.StorePrefix);
        var (plan, timeout, local) = (_plan, _linkTimeout, _localAddress);
        Task.Run(() => GlooGroup.Join(plan, timeout, local)).PipeTo(Self);
    }

    private void OnGroupJoined(GlooGroup joined)
    {
        _gloo = joined;
        foreach (var stage in _mine)
        {
            var (s, train, test, variant, meter) = (stage, _train, _test, _settings.Variant, _meter);
            var actor = Context.ActorOf(Akka.Actor.Props.Create(() =>
                    new DecoupledStageActor(s, train, test, variant, meter, TimeProvider.System))
                .WithDispatcher(StageDispatcher.Id), $"stage-{stage.Index}");
            Context.Watch(actor);
            _stageActors[stage.Index] = actor;
        }
        foreach (var stage in _mine)
        {
            if (stage.Index > 0 && !IsLocal(stage.Index - 1)) Listen(stage.Index - 1, stage.Index);
            _stageActors[stage.Index].Tell(new WireDecoupledStage(Next(stage.Index), Self), Self);
        }
        foreach (var loop in _incoming) loop.Start();
        _driver.Tell(new StagesReady(_plan.Rank), Self);
    }

    /// <summary>The link from local stage <paramref name="from"/> to its successor: by reference in this process, else over Gloo.</summary>
    private IStageLink? Next(int from)
    {
        var to = from + 1;
        if (to >= _plan.Balance.Length) return null;
        if (IsLocal(to))
            return LinkFactory.InProcess.Connect(from, to, _stageActors[to], _stageActors[from], NullTrainingObserver.Instance, TimeProvider.System);
        var link = new GlooLink(_gloo!.Group, _plan.StageRanks[to], from, to, _linkTimeout, _traffic);
        _outgoing.Add(link);
        return new DecoupledGlooLink(link);
    }

    /// <summary>Receives what the predecessor <paramref name="from"/>, on another worker, sends local stage <paramref name="to"/>.</summary>
    private void Listen(int from, int to)
    {
        var peer = _plan.StageRanks[from];
        var receiver = _stageActors[to];
        var self = Self;
        // Each loop reads test labels on its own thread, from its own loader.
        var (test, testBatch) = (TestLoader(), _test.CreateBatch());
        Tensor TestLabels(long batch)
        {
            test.Fill(0, (int)batch, testBatch);
            return Tensor.FromSpan(testBatch.FilledLabels, [testBatch.Count]);
        }
        _incoming.Add(new GlooReceiveLoop(_gloo!.Group, peer, from, to, _linkTimeout,
            // The decoupled mode's links send plain messages, outside the link protocol: no answers come back.
            m => receiver.Tell(DecoupledGlooLink.Received(m), ActorRefs.NoSender), _ => { }, TestLabels,
            e => self.Tell(new LinkFailed(peer, $"link {from}->{to} from rank {peer}: {e.Message}"))));
    }

    /// <summary>Every local stage trains on the batch at this position: its sample indices and labels, nothing else.</summary>
    private void OnRunStepAt(RunStepAt at)
    {
        _train.Fill(at.Epoch, at.Batch, _batch);
        var batch = new TrainBatch(at.Epoch, at.Step, _batch.FilledIndices.ToArray(), _batch.FilledLabels.ToArray());
        foreach (var actor in _stageActors.Values) actor.Tell(batch, Self);
    }

    private void OnEvaluateAt(EvaluateAt at)
    {
        _test.Fill(0, (int)at.Batch, _testBatch);
        _stageActors[0].Tell(new EvaluateBatch(at.Batch, _testBatch.FilledIndices.ToArray(), _testBatch.FilledLabels.ToArray(), null), Self);
    }

    /// <summary>The last stage's score is the chained model's, as in one process; earlier stages score only their own codes.</summary>
    private void OnStageEvaluated(StageEvaluated e)
    {
        if (IsLast(e.Stage)) _driver.Tell(new EvaluationResult(e.Batch, e.LossSum, e.Correct, e.Count), Self);
    }

    private void OnSaveStages(SaveStages save)
    {
        // Every stage has finished its batches at a checkpoint: the traffic so far is every send of the steps done.
        _driver.Tell(_traffic.Snapshot(_plan.Rank), Self);
        StageTimeReport.Send(_meter, _driver, Self);
        Directory.CreateDirectory(save.Directory);
        // Written before stage 0's file, whose StageSaved the driver needs before it writes the manifest.
        if (_stageActors.ContainsKey(0)) CodeTableFile.Save(save.Directory, _tables);
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
