using ActorTrain.Cluster.Links;
using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// The IST subnet worker the driver placed on this worker, for one run: worker w's <see cref="SubnetTrainer"/> as one
/// process makes it (its shard of its own training data, its narrow subnet). Each round it receives its slices from the
/// parameter server (the driver, the Gloo group's last rank), trains the round's local steps, announces the trained
/// slices and sends them back. It keeps nothing the server lacks, so checkpoints are the driver's alone and a resumed run
/// needs nothing from this worker. Runs on a thread of its own: it blocks on Gloo.
/// </summary>
internal sealed class WorkerSubnet : ReceiveActor
{
    private readonly HostStages _plan;
    private readonly TrainingOptions _options;
    private readonly IstSettings _ist;
    private readonly Dataset _dataset;
    private readonly IActorRef _driver;
    private readonly TimeSpan _linkTimeout;
    private readonly string _localAddress;
    private readonly ILogger _log;
    private readonly int _subnet;

    private SubnetTrainer? _trainer;
    private GlooGroup? _gloo;
    private bool _failed;

    public WorkerSubnet(HostStages plan, TrainingOptions options, IstSettings ist, Dataset dataset, IActorRef driver, ClusterSettings cluster, ILogger log)
    {
        (_plan, _options, _ist, _dataset, _driver, _linkTimeout, _localAddress, _log) =
            (plan, options, ist, dataset, driver, cluster.LinkTimeout, cluster.WorkerHostname, log);
        // The driver places one subnet per worker (as dp's replicas), so this worker's rank names its subnet.
        _subnet = Array.IndexOf(plan.StageRanks, plan.Rank);
        Receive<GlooGroup>(OnGroupJoined);
        Receive<Status.Failure>(f => Report($"joining the Gloo group failed: {f.Cause.Message}"));
        Receive<TrainSubnetRound>(OnTrainRound);
        Receive<EndRun>(_ => Context.Stop(Self));
    }

    public static Props Props(HostStages plan, TrainingOptions options, IstSettings ist, Dataset dataset, IActorRef driver, ClusterSettings cluster,
        ILogger log) =>
        Akka.Actor.Props.Create(() => new WorkerSubnet(plan, options, ist, dataset, driver, cluster, log)).WithDispatcher(StageDispatcher.Id);

    /// <summary>The parameter server's rank: the driver joins after the workers.</summary>
    private int ServerRank => _plan.WorldSize - 1;

    protected override void PreStart()
    {
        // The one-process subnet worker trains with the same intra-op threads, so the sums inside libtorch run alike.
        Torch.Torch.SetThreads(Math.Max(1, _options.Pipeline.ThreadsPerStage));
        _trainer = SubnetTrainer.ForWorker(_options, _ist, _dataset, _subnet);
        _log.Information("Worker rank {Rank}: hosting IST subnet {Subnet} of {Subnets}; joining the Gloo group at {Host}:{Port} ({Prefix})",
            _plan.Rank, _subnet, _ist.Workers, _plan.StoreHost, _plan.StorePort, _plan.StorePrefix);
        var (plan, timeout, local) = (_plan, _linkTimeout, _localAddress);
        Task.Run(() => GlooGroup.Join(plan, timeout, local)).PipeTo(Self);
    }

    private void OnGroupJoined(GlooGroup joined)
    {
        _gloo = joined;
        _driver.Tell(new StagesReady(_plan.Rank), Self);
    }

    private void OnTrainRound(TrainSubnetRound round)
    {
        if (_failed) return;
        try
        {
            using (var slices = SubnetWire.Receive(_gloo!.Group, ServerRank, SubnetWire.ToWorkerTag, round.Slices, round.OptimizerSteps, _linkTimeout))
                _trainer!.Load(slices);
            var (lossSum, samples) = _trainer!.Train(round.Round, round.Epoch, round.FirstBatch, round.Steps, NullTrainingObserver.Instance, TimeProvider.System);
            using var trained = _trainer.Collect();
            var order = SubnetWire.Describe(trained);
            Sender.Tell(new SubnetRoundTrained(_subnet, round.Round, lossSum, samples, trained.OptimizerSteps, order), Self);
            SubnetWire.Send(_gloo.Group, ServerRank, SubnetWire.ToServerTag, trained, order, _linkTimeout, LinkPacing.Node);
        }
        catch (Exception e) when (e is DistributedException or TorchException)
        {
            Report($"round {round.Round} failed: {e.Message}");
        }
    }

    private void Report(string reason)
    {
        _failed = true;
        _log.Error("Worker rank {Rank}: {Reason}", _plan.Rank, reason);
        // A failed transfer can only be with the parameter server, which is the driver: no peer worker to name.
        _driver.Tell(new WorkerFailure(_plan.Rank, WorkerFailure.NoPeer, reason), Self);
    }

    protected override void PostStop()
    {
        _trainer?.Dispose();
        _gloo?.Dispose();
    }
}
