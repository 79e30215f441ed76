using ActorTrain.Cluster.Driver;
using ActorTrain.Cluster.Links;
using ActorTrain.Cluster.Node;
using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.DataParallel;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
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
/// pipeline without flush (async), data parallelism (dp, one replica per worker) and independent subnet training (ist,
/// the parameter server on the driver, one subnet worker per worker) run clustered so far.
/// </summary>
public static class ClusterTraining
{
    /// <summary>What a clustered run cannot do yet, or null when <paramref name="options"/> can run clustered.</summary>
    public static string? Unsupported(TrainingOptions options, ActorTrainSettings settings)
    {
        if (settings.ModePlan.Count > 0 || settings.Policy.Enabled || options.Mode is not ("sync" or "async" or DataParallelRun.Mode or IstRun.Mode))
            return $"clustered runs support run.mode = sync, async, dp and ist only, without mode-plan or policy (got run.mode = {options.Mode})";
        // Every worker joins the Gloo group and every member of a group must take part in each all-reduce.
        if (options.Mode == DataParallelRun.Mode && settings.Dp.Replicas != settings.Cluster.Workers)
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
    /// or <see cref="ClusterNodeLostException"/>.
    /// </summary>
    public static Task<ClusterRunResult> DriveAsync(ActorSystem system, ClusterSettings cluster, TrainingOptions options, IstSettings ist, Dataset dataset,
        ConfigIdentity identity, ITrainingObserver observer, ILogger log, CancellationToken interrupt = default)
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
        var driver = system.ActorOf(ClusterDriver.Props(cluster, options, shape, identity, observer, log, done), ClusterAkkaConfig.DriverActorName);
        var registration = interrupt.Register(() => driver.Tell(InterruptRun.Instance));
        done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return done.Task;
    }

    /// <summary>Serves as a worker until the driver refuses it, leaves or is lost, or <paramref name="stop"/> is cancelled.</summary>
    public static async Task<NodeExit> ServeAsync(ActorSystem system, ClusterSettings cluster, TrainingOptions options, IstSettings ist, Dataset dataset,
        ConfigIdentity identity, ILogger log, CancellationToken stop)
    {
        LinkPacing.Node = new LinkPacing(cluster.LinkBandwidth);
        var exit = new TaskCompletionSource<NodeExit>(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = system.ActorOf(NodeActor.Props(cluster, options, ist, dataset, identity, log, exit), NodeActor.Name);
        await using (stop.Register(() => exit.TrySetResult(new NodeExit(0, "stopped by a signal"))))
        {
            var result = await exit.Task.ConfigureAwait(false);
            node.Tell(PoisonPill.Instance);
            return result;
        }
    }
}
