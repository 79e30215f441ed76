using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Torch.NN;
using ActorTrain.Torch;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.Ist;

/// <summary>
/// Independent subnet training (Yuan et al.) in this process: a <c>ParameterServer</c> actor holds the full model and
/// n <c>SubnetWorker</c> actors each train a narrow subnet of it. Each worker reads its own disjoint shard of the
/// training split in mini-batches of <see cref="TrainingOptions.BatchSize"/> (partial batches dropped). A round is
/// R = <see cref="IstSettings.LocalSteps"/> local steps; an epoch is every worker reading its whole shard once, so
/// together they pass over the training data once (the last round of an epoch may be shorter). Result steps and
/// <see cref="TrainingOptions.MaxSteps"/> count rounds. Evaluation metrics carry the measured bytes per round and
/// the weight share per worker next to IST's predicted range (1/n^2 to 1/n). Checkpoints hold the server's full model
/// and full-size optimizer state (<see cref="WholeModelCheckpoint"/>); <see cref="TrainingOptions.CheckpointEvery"/>
/// counts local steps, and a checkpoint falls at the first round end at or after each multiple.
/// </summary>
public static class IstRun
{
    public const string Mode = "ist";

    public static Task<TrainingResult> RunAsync(
        TrainingOptions options, IstSettings ist, Dataset data, ITrainingObserver observer, ILogger log,
        TimeProvider? clock = null, CancellationToken ct = default, RunEnvironment? environment = null) =>
        RunAsync(options, ist, data, observer, log, clock, ct, inspect: null, environment);

    /// <exception cref="ArgumentException">a worker's shard of the training split holds no full batch.</exception>
    public static void CheckShards(int trainSamples, int workers, int batchSize)
    {
        if (trainSamples / workers < batchSize)
            throw new ArgumentException(
                $"a worker's shard of {trainSamples / workers} samples holds no full batch of {batchSize} (actortrain.ist.workers = {workers})");
    }

    /// <param name="inspect">Sees the server's full model after training, before it is disposed (tests).</param>
    internal static async Task<TrainingResult> RunAsync(
        TrainingOptions options, IstSettings ist, Dataset data, ITrainingObserver observer, ILogger log,
        TimeProvider? clock, CancellationToken ct, Action<Sequential>? inspect, RunEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ist);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ist.Workers, "ist.Workers");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ist.LocalSteps, "ist.LocalSteps");
        IstModel.Validate(options.Model, ist.Workers);
        CheckShards(data.Train.Count, ist.Workers, options.BatchSize);
        clock ??= TimeProvider.System;

        var model = ModelBuilder.BuildWhole(options.Model, options.Seed);
        var trainers = new List<SubnetTrainer>();
        try
        {
            for (var w = 0; w < ist.Workers; w++) trainers.Add(SubnetTrainer.ForWorker(options, ist, data, w));
            var threads = Math.Max(1, options.Pipeline.ThreadsPerStage);
            var setup = Setup(options, ist, data, model, trainers[0].BatchesPerEpoch,
                w => Props.Create(() => new SubnetWorker(trainers[w], threads, observer, clock)).WithDispatcher(StageDispatcher.Id), log);
            var (low, high) = IstTraffic.Predicted(ist.Workers);
            var share = new SubnetShare(IstTraffic.WeightShare(model, setup.Layout, setup.HiddenWidths, ist.Workers, 0), low, high);
            observer.OnRunStarted(new RunInfo(Mode, Mode, ist.Workers, 1, options.BatchSize, 0,
                trainers.Select(t => new StageInfo(t.Worker, $"subnet {t.Worker + 1} of {ist.Workers}", t.Model.ParameterCount(), "cpu", setup.Threads)).ToList(),
                clock.GetTimestamp(), share));
            var result = await Train(setup, observer, log, clock, ct, environment ?? RunEnvironment.Private).ConfigureAwait(false);
            inspect?.Invoke(model);
            return result;
        }
        finally
        {
            foreach (var t in trainers) t.Dispose();
            model.Dispose();
        }
    }

    /// <summary>
    /// The parameter server of a clustered run, in this process: the same rounds, partitions, evaluation and checkpoints
    /// as <see cref="RunAsync(TrainingOptions, IstSettings, Dataset, ITrainingObserver, ILogger, TimeProvider?, CancellationToken, RunEnvironment?)"/>,
    /// but worker w is the actor <paramref name="subnets"/>(w) makes: one that carries the slices to a subnet worker in
    /// another process and brings the trained ones back as <see cref="Messages.SubnetTrained"/>.
    /// </summary>
    internal static async Task<TrainingResult> ServeAsync(TrainingOptions options, IstSettings ist, Dataset data, Func<int, Props> subnets,
        ITrainingObserver observer, ILogger log, RunEnvironment environment, CancellationToken ct)
    {
        IstModel.Validate(options.Model, ist.Workers);
        CheckShards(data.Train.Count, ist.Workers, options.BatchSize);
        var model = ModelBuilder.BuildWhole(options.Model, options.Seed);
        try
        {
            var setup = Setup(options, ist, data, model, SubnetTrainer.Shard(options, ist, data, 0).BatchesPerEpoch, subnets, log);
            return await Train(setup, observer, log, TimeProvider.System, ct, environment).ConfigureAwait(false);
        }
        finally
        {
            model.Dispose();
        }
    }

    private static IstSetup Setup(TrainingOptions options, IstSettings ist, Dataset data, Sequential model, int batchesPerEpoch,
        Func<int, Props> subnets, ILogger log)
    {
        var hidden = IstModel.HiddenWidths(options.Model);
        var layout = SliceLayout.For(model.StateDict().Keys, options.Model.Blocks.Count);
        var travel = ist.OptimizerState == IstOptimizerState.Travel;
        var test = new BatchLoader(data.Test, data.Normalization,
            new BatchLoaderOptions { BatchSize = Math.Max(options.BatchSize, 256), Shuffle = false, Seed = options.Seed });
        var calibration = new BatchLoader(data.Train, data.Normalization,
            new BatchLoaderOptions { BatchSize = options.BatchSize, Shuffle = options.Shuffle, Seed = options.Seed });
        var (start, state, steps) = Resume(options, travel, model, log);
        if (start.Batch >= batchesPerEpoch)
        {
            foreach (var t in state.Values) t.Dispose();
            throw new TrainingSetupException(
                $"the checkpoint resumes at batch {start.Batch} of epoch {start.Epoch + 1}, but a worker's shard now holds {batchesPerEpoch} batches: " +
                "resume with the actortrain.ist.workers and actortrain.data.batch-size it was written with");
        }
        return new IstSetup(options, ist, model, layout, hidden, ist.Workers, subnets, test, calibration, batchesPerEpoch,
            Math.Max(1, options.Pipeline.ThreadsPerStage), start, state, steps);
    }

    /// <summary>Loads the checkpoint to continue from into the full model; the optimizer state only where it travels.</summary>
    private static (RunPosition Start, Dictionary<string, Tensor> OptimizerState, long OptimizerSteps) Resume(
        TrainingOptions options, bool travel, Sequential model, ILogger log)
    {
        if (options.ResumeFrom is null) return (RunPosition.Start, [], 0);
        using var optimizer = OptimizerFactory.Create(model.Parameters(), options.Optimizer);
        var keepState = travel && options.ResumeOptimizerState;
        var start = WholeModelCheckpoint.Resume(options, Mode, model, keepState ? optimizer : null, log, batchesAreShared: false);
        var (state, steps) = ServerOptimizerState.FromOptimizer(model, optimizer);
        return (start, state, steps);
    }

    // The server computes (scatter, paste, evaluation), so it gets a thread of its own like the workers.
    private static Task<TrainingResult> Train(IstSetup setup, ITrainingObserver observer, ILogger log, TimeProvider clock, CancellationToken ct,
        RunEnvironment environment) =>
        ActorRunHost.RunAsync("parameter-server",
            done => Props.Create(() => new ParameterServer(setup, observer, clock, log, done)).WithDispatcher(StageDispatcher.Id),
            environment, observer, clock, ct);
}
