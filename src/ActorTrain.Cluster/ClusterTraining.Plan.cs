using ActorTrain.Cluster.Driver;
using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Profiling.Merging;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Policy;
using ActorTrain.Training.Runs;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Cluster;

public static partial class ClusterTraining
{
    /// <summary>
    /// Drives the configured modes across the workers as one process runs them: the mode plan (a run's single mode is a
    /// plan of one entry) through <see cref="ModePlanRunner"/>, or with <c>policy.enabled</c> the segments
    /// <see cref="PolicyRunner"/> chooses. Each entry or segment is a run generation of its own, with its mode, epochs
    /// (or steps), learning rate and optimizer state, whose workers load their stages from the committed checkpoint of
    /// the one before it (written, manifest last, by the same workers): the one-process runners hand the model on the
    /// same way. The workers stay: the first generation's driver admits them, each later one adopts them and places its
    /// stages anew. Under the policy the workers' stage times (<see cref="StageTimes"/>) stand in for the stage spans
    /// the policy measures in one process. The result's traffic is the last generation's, its recoveries every
    /// generation's. <paramref name="nodeLoss"/> and <paramref name="profile"/> go to every generation's driver (see
    /// <see cref="DriveAsync"/>).
    /// </summary>
    public static async Task<ClusterRunResult> DrivePlanAsync(ActorSystem system, ActorTrainSettings settings, TrainingOptions options,
        Dataset dataset, ConfigIdentity identity, ITrainingObserver observer, ILogger log, CancellationToken interrupt = default,
        NodeLossSettings? nodeLoss = null, ClusterNodes? profile = null)
    {
        var recoveries = new List<string>();
        var clock = TimeProvider.System;
        var generation = new DriverGeneration();
        IReadOnlyList<LinkTraffic> traffic = [];
        TrainingResult? previous = null;
        async Task<TrainingResult> RunGeneration(TrainingMode mode, TrainingOptions entry, ITrainingObserver watch)
        {
            // Interrupted between generations: the previous one's final checkpoint is where to resume, and nothing more is trained.
            if (interrupt.IsCancellationRequested && previous is not null)
                return previous with { Samples = 0, Elapsed = TimeSpan.Zero, Interrupted = true };
            var driverObserver = settings.Policy.Enabled ? new StageTimeSpans(watch, clock) : watch;
            var run = await Drive(system, settings.Cluster, entry, settings.Ist, dataset, identity, driverObserver, log, generation, interrupt, nodeLoss, profile)
                .ConfigureAwait(false);
            traffic = run.Traffic;
            recoveries.AddRange(run.Recoveries);
            previous = run.Run;
            if (!run.Run.Interrupted) generation = await generation.NextAsync().ConfigureAwait(false);
            return run.Run;
        }
        var result = settings.Policy.Enabled
            ? await PolicyRunner.RunAsync(settings.Policy, settings.EffectivePlan[0].Mode, options, StepsPerEpoch(dataset, options), RunGeneration,
                observer, log, clock).ConfigureAwait(false)
            : await ModePlanRunner.RunAsync(settings.EffectivePlan, options, RunGeneration, observer, log, clock).ConfigureAwait(false);
        return new ClusterRunResult(result, traffic) { Recoveries = recoveries };
    }

    private static int StepsPerEpoch(Dataset dataset, TrainingOptions options) =>
        new BatchLoader(dataset.Train, dataset.Normalization, new BatchLoaderOptions { BatchSize = options.BatchSize }).BatchesPerEpoch;
}
