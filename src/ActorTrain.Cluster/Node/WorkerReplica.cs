using System.Diagnostics;
using System.Globalization;
using ActorTrain.Cluster.Links;
using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Profiling.Merging;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.DataParallel.Messages;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Pipeline.Messages;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// The data-parallel replica the driver placed on this worker, for one run: a <see cref="Replica"/> as the one-process
/// dp mode makes it (the whole model under the run's seed, or loaded from the checkpoint a resumed run names, and its
/// own optimizer). Each step it reads its share of the global batch from its own data, computes that share's gradients,
/// sums them with the other replicas' by a Gloo all-reduce and applies the sum, so the replicas stay identical. Replica 0
/// reports the step's loss, scores test batches and writes the checkpoint's one stage file. In a profiled run it records
/// its forward and backward spans and each all-reduce (a send span with the bytes reduced). Runs on a thread of its own:
/// it blocks on Gloo.
/// </summary>
internal sealed class WorkerReplica : ReceiveActor
{
    private readonly HostStages _plan;
    private readonly TrainingOptions _options;
    private readonly Dataset _dataset;
    private readonly IActorRef _driver;
    private readonly TimeSpan _linkTimeout;
    private readonly string _localAddress;
    private readonly ILogger _log;
    private readonly GlooTraffic _traffic = new();
    private readonly BatchLoader _test;
    private readonly Batch _testBatch;
    private readonly int _index;

    private Replica? _replica;
    private GlooGroup? _gloo;
    private NodeRecorder? _recorder;
    private long _step;
    private bool _failed;

    public WorkerReplica(HostStages plan, TrainingOptions options, Dataset dataset, IActorRef driver, ClusterSettings cluster, ILogger log)
    {
        (_plan, _options, _dataset, _driver, _linkTimeout, _localAddress, _log) =
            (plan, options, dataset, driver, cluster.LinkTimeout, cluster.WorkerHostname, log);
        // The driver places one replica per worker (it refuses any other placement), so the worker's rank names it.
        _index = Array.IndexOf(plan.StageRanks, plan.Rank);
        _test = new BatchLoader(dataset.Test, dataset.Normalization,
            new BatchLoaderOptions { BatchSize = Math.Max(options.BatchSize, 256), Shuffle = false, Seed = options.Seed });
        _testBatch = _test.CreateBatch();

        Receive<GlooGroup>(OnGroupJoined);
        Receive<Status.Failure>(f => Report(WorkerFailure.NoPeer, $"joining the Gloo group failed: {f.Cause.Message}"));
        Receive<RunStepAt>(OnRunStepAt);
        Receive<EvaluateAt>(OnEvaluateAt);
        Receive<SaveStages>(OnSaveStages);
        Receive<WriteProfilePart>(w => Sender.Tell(ProfilePart.Write(_recorder, _plan.Rank, w.Directory, _log), Self));
        Receive<EndRun>(_ => Context.Stop(Self));
    }

    public static Props Props(HostStages plan, TrainingOptions options, Dataset dataset, IActorRef driver, ClusterSettings cluster, ILogger log) =>
        Akka.Actor.Props.Create(() => new WorkerReplica(plan, options, dataset, driver, cluster, log)).WithDispatcher(StageDispatcher.Id);

    protected override void PreStart()
    {
        // The one-process replica actor computes with the same intra-op threads, so the sums inside libtorch run alike.
        Torch.Torch.SetThreads(Math.Max(1, _options.Pipeline.ThreadsPerStage));
        var loader = new BatchLoader(_dataset.Train, _dataset.Normalization,
            new BatchLoaderOptions { BatchSize = _options.BatchSize, Shuffle = _options.Shuffle, Seed = _options.Seed, DropLast = true });
        _replica = new Replica(_index, _plan.StageRanks.Length, ModelBuilder.BuildWhole(_options.Model, _options.Seed), _options.Optimizer, loader);
        if (_plan.ResumeFrom is { } checkpoint)
        {
            try
            {
                WholeModelCheckpoint.Resume(_options with { ResumeFrom = checkpoint }, DataParallelRun.Mode, _replica.Model,
                    _options.ResumeOptimizerState ? _replica.Optimizer : null, _log);
            }
            catch (TrainingSetupException e)
            {
                Report(WorkerFailure.NoPeer, $"loading the checkpoint {checkpoint} failed: {e.Message}");
                return;
            }
        }
        if (_plan.Profile)
            _recorder = new NodeRecorder(_plan.Rank, Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString(),
                [new StageInfo(_index, $"replica {_index}", _replica.Model.ParameterCount(), "cpu", Math.Max(1, _options.Pipeline.ThreadsPerStage))]);
        _log.Information("Worker rank {Rank}: hosting dp replica {Replica} of {Replicas}; joining the Gloo group at {Host}:{Port} ({Prefix})",
            _plan.Rank, _index, _plan.StageRanks.Length, _plan.StoreHost, _plan.StorePort, _plan.StorePrefix);
        var (plan, timeout, local) = (_plan, _linkTimeout, _localAddress);
        Task.Run(() => GlooGroup.Join(plan, timeout, local)).PipeTo(Self);
    }

    private void OnGroupJoined(GlooGroup joined)
    {
        _gloo = joined;
        _driver.Tell(new StagesReady(_plan.Rank, _plan.Generation), Self);
    }

    private void OnRunStepAt(RunStepAt at)
    {
        if (_failed) return;
        LocalGradients? local = null;
        try
        {
            _step = at.Step;
            local = _replica!.ComputeGradients(new ComputeGradients(at.Step, at.Epoch, at.Batch), (ITrainingObserver?)_recorder ?? NullTrainingObserver.Instance,
                TimeProvider.System);
            // An element-wise sum of the replicas' gradients: with two replicas a + b, exactly what the one-process
            // coordinator adds (float addition is commutative, so arrival order cannot change a bit).
            foreach (var gradient in local.Gradients) AllReduce(gradient);
            using var loss = Tensor.FromSpan([local.LossSum, local.Samples], [2]);
            AllReduce(loss);
            _replica.Apply(local.Gradients);
            var totals = loss.ToArrayDouble();
            _driver.Tell(new StepCompleted(_index, at.Step, _index == 0 ? totals[0] / totals[1] : null, 0), Self);
        }
        catch (Exception e) when (e is DistributedException or TorchException)
        {
            // With two ranks a failed all-reduce can only mean the other one; with more, the driver's member events name it.
            Report(_plan.WorldSize == 2 ? 1 - _plan.Rank : WorkerFailure.NoPeer, $"step {at.Step} failed: {e.Message}");
        }
        finally
        {
            foreach (var g in local?.Gradients ?? []) g.Dispose();
        }
    }

    private void AllReduce(Tensor tensor)
    {
        var start = Stopwatch.GetTimestamp();
        _gloo!.Group.AllReduce(tensor, ReduceOp.Sum, _linkTimeout);
        LinkPacing.Node.Pace(LinkPacing.AllReduceBytes(tensor.NBytes, _plan.WorldSize), start);
        _traffic.Add(tensor.NBytes, start);
        _recorder?.OnSpan(new Span(_index, SpanKind.Send, _step, -1, start, Stopwatch.GetTimestamp(), tensor.NBytes));
    }

    private void OnEvaluateAt(EvaluateAt at)
    {
        using var _ = Torch.Torch.NoGrad();
        _test.Fill(0, (int)at.Batch, _testBatch);
        _replica!.Model.Eval();
        using (var input = WholeModel.Features(_testBatch, 0, _testBatch.Count))
        using (var labels = WholeModel.Labels(_testBatch, 0, _testBatch.Count))
        using (var logits = _replica.Model.Forward(input))
        {
            var (lossSum, correct) = Scoring.Score(logits, labels);
            _driver.Tell(new EvaluationResult(at.Batch, lossSum, correct, _testBatch.Count), Self);
        }
        _replica.Model.Train();
    }

    /// <summary>Replica 0 writes the one stage file of a whole-model checkpoint, as the one-process dp mode does; every replica holds the same weights.</summary>
    private void OnSaveStages(SaveStages save)
    {
        _driver.Tell(_traffic.Snapshot(_plan.Rank), Self);
        if (_index != 0) return;
        var path = save.StagePath(0);
        StageState.Save(path, _replica!.Model, _replica.Optimizer, save.Metadata());
        _driver.Tell(new StageSaved(0, path), Self);
    }

    private void Report(int peer, string reason)
    {
        _failed = true;
        _log.Error("Worker rank {Rank}: {Reason}", _plan.Rank, reason);
        _driver.Tell(new WorkerFailure(_plan.Rank, peer, reason), Self);
    }

    protected override void PostStop()
    {
        _replica?.Dispose();
        _gloo?.Dispose();
    }
}
