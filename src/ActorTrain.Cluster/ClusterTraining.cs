using ActorTrain.Cluster.Driver;
using ActorTrain.Cluster.Links;
using ActorTrain.Cluster.Node;
using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.DataParallel;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Profiling.Merging;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Runs;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Cluster;

/// <summary>
/// The two sides of a clustered run, each in an actor system started with <see cref="ClusterAkkaConfig"/>: the driver
/// (<c>actortrain train</c> with cluster.enabled) and a worker (<c>actortrain node</c>). The synchronous pipeline, the
/// pipeline without flush (async), data parallelism (dp, one replica per worker), independent subnet training (ist, the
/// parameter server on the driver, one subnet worker per worker) and decoupled training run clustered so far, alone, and
/// all but ist as the entries of a mode plan or under the switching policy (see DrivePlanAsync).
/// </summary>
public static partial class ClusterTraining
{
    /// <summary>What a clustered run cannot do yet, or null when <paramref name="options"/> can run clustered.</summary>
    public static string? Unsupported(TrainingOptions options, ActorTrainSettings settings)
    {
        if (settings.EffectivePlan.FirstOrDefault(e => e.Mode is not (TrainingMode.Sync or TrainingMode.Async or TrainingMode.Dp or TrainingMode.Decoupled))
            is { } entry && !(entry.Mode == TrainingMode.Ist && settings.ModePlan.Count == 0 && !settings.Policy.Enabled))
            return $"{(settings.ModePlan.Count > 0 ? "actortrain.mode-plan: an entry's mode" : "actortrain.run.mode")} = {EnumNames.Of(entry.Mode)} " +
                   "does not run clustered yet; clustered runs support sync, async, dp and decoupled, alone or in a mode plan, and ist alone";
        // Every worker joins the Gloo group and every member of a group must take part in each all-reduce.
        if (settings.EffectivePlan.Any(e => e.Mode == TrainingMode.Dp) && settings.Dp.Replicas != settings.Cluster.Workers)
            return $"clustered dp runs one replica per worker: dp.replicas ({settings.Dp.Replicas}) must equal cluster.workers ({settings.Cluster.Workers})";
        if (options.Mode == IstRun.Mode && settings.Ist.Workers != settings.Cluster.Workers)
            return $"clustered ist runs one subnet worker per worker process: ist.workers ({settings.Ist.Workers}) must equal cluster.workers ({settings.Cluster.Workers})";
        return null;
    }

    /// <summary>
    /// Drives one run: waits for the workers, places the stages, trains, has the workers write a final checkpoint into
    /// <see cref="TrainingOptions.RunDirectory"/> and writes its manifest; the result adds each worker's Gloo traffic.
    /// <paramref name="interrupt"/> drains the run to a final checkpoint and ends it as interrupted. Throws
    /// <see cref="ClusterRefusedException"/> (a worker's version or configuration differs), <see cref="ClusterJoinException"/>
    /// or <see cref="ClusterNodeLostException"/>. <paramref name="nodeLoss"/> (default: stop) says whether a lost worker
    /// stops the run or its stages are placed again, and which node faults the driver injects. With <paramref name="profile"/>,
    /// the workers' clocks are measured as they join and their recordings collected into it at the end (see ClusterDriver.Profiling).
    /// </summary>
    public static Task<ClusterRunResult> DriveAsync(ActorSystem system, ClusterSettings cluster, TrainingOptions options, IstSettings ist, Dataset dataset,
        ConfigIdentity identity, ITrainingObserver observer, ILogger log, CancellationToken interrupt = default, NodeLossSettings? nodeLoss = null,
        ClusterNodes? profile = null) =>
        Drive(system, cluster, options, ist, dataset, identity, observer, log, new DriverGeneration(), interrupt, nodeLoss, profile);

    private static Task<ClusterRunResult> Drive(ActorSystem system, ClusterSettings cluster, TrainingOptions options, IstSettings ist, Dataset dataset,
        ConfigIdentity identity, ITrainingObserver observer, ILogger log, DriverGeneration generation, CancellationToken interrupt,
        NodeLossSettings? nodeLoss, ClusterNodes? profile)
    {
        ArgumentNullException.ThrowIfNull(options.RunDirectory);
        LinkPacing.Node = new LinkPacing(cluster.LinkBandwidth);
        // A resumed run keeps the checkpoint's cut (as in one process); the workers load their stages from it.
        var resume = options.ResumeFrom is null ? null : ResumePoint.Read(options, log);
        // ist holds the model whole on the driver and places one subnet worker per worker, as dp places its replicas.
        var dp = options.Mode is DataParallelRun.Mode or IstRun.Mode;
        // dp holds the model whole and saves it as a one-stage pipeline would, whatever cut a resumed checkpoint has.
        int[] balance = dp
            ? [options.Model.Blocks.Count]
            : (resume?.StagesFor(options) ?? StagePlanner.Plan(options.Model, options.Pipeline, options.BatchSize, options.WithoutFlush)).Balance.ToArray();
        // dp drops an epoch's last partial batch, as in one process (its shares would not split alike).
        var train = new BatchLoader(dataset.Train, dataset.Normalization, new BatchLoaderOptions { BatchSize = options.BatchSize, DropLast = dp });
        var test = new BatchLoader(dataset.Test, dataset.Normalization, new BatchLoaderOptions { BatchSize = Math.Max(options.BatchSize, 256) });
        var shape = new RunShape(balance, dp ? cluster.Workers : 0, dataset.Train.Count, train.BatchesPerEpoch, test.BatchesPerEpoch, resume?.Position ?? RunPosition.Start,
            resume?.Directory, options.Mode == IstRun.Mode ? new IstServer(ist, dataset) : null);
        var done = new TaskCompletionSource<ClusterRunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var driver = system.ActorOf(ClusterDriver.Props(cluster, options, shape, identity, observer, log, done, nodeLoss ?? NodeLossSettings.Stop),
            generation.ActorName);
        generation.Started(driver);
        if (profile is not null) driver.Tell(new RecordClusterProfile(profile));
        var registration = interrupt.Register(() => driver.Tell(InterruptRun.Instance));
        done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return done.Task;
    }

    /// <summary>
    /// Serves as a worker until the driver refuses it, leaves or is lost, or <paramref name="stop"/> is cancelled; its
    /// stages link under <paramref name="links"/> (the run's protocol settings and fault plan).
    /// </summary>
    public static async Task<NodeExit> ServeAsync(ActorSystem system, ClusterSettings cluster, TrainingOptions options, DecoupledSettings decoupled,
        IstSettings ist, Dataset dataset, ConfigIdentity identity, WorkerLinks links, ILogger log, CancellationToken stop)
    {
        LinkPacing.Node = new LinkPacing(cluster.LinkBandwidth);
        var exit = new TaskCompletionSource<NodeExit>(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = system.ActorOf(NodeActor.Props(cluster, options, decoupled, ist, dataset, identity, links, log, exit), NodeActor.Name);
        system.ActorOf(ClockAnswer.Props(), ClockAnswer.Name);
        await using (stop.Register(() => exit.TrySetResult(new NodeExit(0, "stopped by a signal"))))
        {
            var result = await exit.Task.ConfigureAwait(false);
            node.Tell(PoisonPill.Instance);
            return result;
        }
    }
}
