using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// Runs decoupled training (synthetic intermediate labels, Karadağ and Topaloğlu) in this process: every stage
/// trains at the same time towards its boundary's per-class codes, with only sample indices and labels reaching it;
/// after each epoch the chained stages are evaluated as in inference.
/// </summary>
public static class DecoupledRun
{
    public static async Task<TrainingResult> RunAsync(TrainingOptions options, DecoupledSettings settings, Dataset data, ITrainingObserver observer,
        ILogger log, TimeProvider? clock = null, CancellationToken ct = default, RunEnvironment? environment = null)
    {
        environment ??= RunEnvironment.Private;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(log);
        clock ??= TimeProvider.System;

        var (stages, start) = DecoupledSetup.Create(options, settings, log);
        var train = new BatchLoader(data.Train, data.Normalization,
            new BatchLoaderOptions { BatchSize = options.BatchSize, Shuffle = options.Shuffle, Seed = options.Seed });
        var test = new BatchLoader(data.Test, data.Normalization,
            new BatchLoaderOptions { BatchSize = Math.Max(options.BatchSize, 256), Shuffle = false, Seed = options.Seed });

        observer.OnRunStarted(new RunInfo(DecoupledSupervisor.Mode, EnumNames.Of(settings.Variant), stages.Count, 1, options.BatchSize, 0,
            stages.Select(s => new StageInfo(s.Index, s.Stage.Describe(), s.Stage.ParameterCount, s.Stage.Device.ToString(), s.Stage.Threads)).ToList(),
            clock.GetTimestamp()));

        var links = environment.LinkFactory;
        return await ActorRunHost.RunAsync("decoupled",
            done => Props.Create(() => new DecoupledSupervisor(options, settings, stages, train, test, start, links, observer, clock, log, done)),
            environment, observer, clock, ct).ConfigureAwait(false);
    }
}
