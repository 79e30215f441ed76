using ActorTrain.Cluster.Driver;
using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Cluster;

public static partial class ClusterTraining
{
    /// <summary>
    /// Drives a mode plan (a run's single mode is a plan of one entry) across the workers as the one-process
    /// <see cref="ModePlanRunner"/> runs it: each entry is a run generation of its own, with its mode, epochs,
    /// learning rate and optimizer state, whose workers load their stages from the committed checkpoint of the entry
    /// before it (written, manifest last, by the same workers). The workers stay: the first generation's driver admits
    /// them, each later one adopts them and places its stages anew. The result's traffic is the last entry's.
    /// </summary>
    public static async Task<ClusterRunResult> DrivePlanAsync(ActorSystem system, ClusterSettings cluster, IReadOnlyList<ModePlanEntry> plan,
        TrainingOptions options, Dataset dataset, ConfigIdentity identity, ITrainingObserver observer, ILogger log,
        CancellationToken interrupt = default)
    {
        var generation = new DriverGeneration();
        IReadOnlyList<LinkTraffic> traffic = [];
        async Task<TrainingResult> RunEntry(TrainingMode mode, TrainingOptions entry, ITrainingObserver watch)
        {
            var run = await Drive(system, cluster, entry, dataset, identity, watch, log, generation, interrupt).ConfigureAwait(false);
            traffic = run.Traffic;
            if (!run.Run.Interrupted) generation = await generation.NextAsync().ConfigureAwait(false);
            return run.Run;
        }
        var result = await ModePlanRunner.RunAsync(plan, options, RunEntry, observer, log, TimeProvider.System).ConfigureAwait(false);
        return new ClusterRunResult(result, traffic);
    }
}
