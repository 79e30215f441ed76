using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Partitioning;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Schedules;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.PipelineParallel;

/// <summary>
/// Runs one pipeline training job (sync, or async: without flush) in this process: plans the partition, builds the stages (or restores
/// them from a checkpoint), starts the supervisor in the environment's actor system, and waits for the result.
/// </summary>
public static class TrainingRun
{
    /// <summary>The schedule name profiles show for the async mode: PipeDream's 1F1B with an update after every backward.</summary>
    public const string NoFlushSchedule = "1f1b-no-flush";

    public static async Task<TrainingResult> RunAsync(
        TrainingOptions options, Dataset dataset, ITrainingObserver observer, ILogger log,
        TimeProvider? clock = null, CancellationToken cancellation = default, RunEnvironment? environment = null)
    {
        environment ??= RunEnvironment.Private;
        clock ??= TimeProvider.System;
        Torch.Torch.SetThreads(Math.Max(1, options.Pipeline.ThreadsPerStage));

        var (start, stages) = Setup(options, log);

        var train = new BatchLoader(dataset.Train, dataset.Normalization,
            new BatchLoaderOptions { BatchSize = options.BatchSize, Shuffle = options.Shuffle, Seed = options.Seed });
        var test = new BatchLoader(dataset.Test, dataset.Normalization,
            new BatchLoaderOptions { BatchSize = Math.Max(options.BatchSize, 256), Shuffle = false, Seed = options.Seed });

        // Without flush the pipeline fills once and then stays full: no bubble per mini-batch.
        observer.OnRunStarted(new RunInfo(options.Mode, options.WithoutFlush ? NoFlushSchedule : options.Pipeline.Schedule, stages.Count,
            options.Pipeline.MicroBatches, options.BatchSize,
            options.WithoutFlush ? 0 : PipelineTheory.TheoreticalBubbleShare(stages.Count, options.Pipeline.MicroBatches),
            stages.Select(s => new StageInfo(s.Index, s.Describe(), s.ParameterCount, s.Device.ToString(), options.Pipeline.ThreadsPerStage)).ToList(),
            clock.GetTimestamp()));

        var links = environment.LinkFactory;
        var commit = environment.CheckpointCommit;
        return await ActorRunHost.RunAsync("pipeline",
            done => Props.Create(() => new PipelineSupervisor(options, stages, train, test, start, links, commit, observer, clock, log, done)),
            environment, observer, clock, cancellation).ConfigureAwait(false);
    }

    /// <summary>Everything before the first step; any failure here is a <see cref="TrainingSetupException"/> (bad input, exit code 2).</summary>
    private static (RunPosition, IReadOnlyList<PipelineStage>) Setup(TrainingOptions options, ILogger log)
    {
        IReadOnlyList<PipelineStage> stages = [];
        try
        {
            var (partition, start, resume) = Plan(options, log);
            foreach (var line in PartitionFormatter.Format(partition)) log.Information("{PartitionLine}", line);
            stages = StageFactory.Create(options.Model, partition.Balance, options);
            resume?.LoadInto(stages.Select(s => s.Layers).ToList(), options.ResumeOptimizerState ? stages.Select(s => s.Optimizer).ToList() : null);
            return (start, stages);
        }
        catch (Exception e) when (e is ArgumentException or CheckpointException or IOException or Torch.TorchException)
        {
            foreach (var stage in stages) stage.Dispose();
            throw new TrainingSetupException(e.Message, e);
        }
    }

    private static (Partition Partition, RunPosition Start, ResumePoint? Resume) Plan(TrainingOptions options, ILogger log)
    {
        if (options.ResumeFrom is null)
            return (StagePlanner.Plan(options.Model, options.Pipeline, options.BatchSize, options.WithoutFlush), RunPosition.Start, null);

        var resume = ResumePoint.Read(options, log);
        return (resume.StagesFor(options), resume.Position, resume);
    }
}
