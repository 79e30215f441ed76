using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Torch.NN;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.DataParallel;

/// <summary>
/// Plain data parallelism in this process, the baseline for IST and the pipelines: n replica actors hold identical
/// copies of the model (built under the same seed); every step each takes its share of one global batch of
/// <see cref="TrainingOptions.BatchSize"/> samples (shares differ by at most one; an epoch's last partial batch is
/// dropped), the coordinator combines their gradients into the global-batch gradient and every replica applies it
/// with its own optimizer, so the replicas stay identical. Test evaluation runs on replica 0 after each epoch.
/// Checkpoints hold replica 0's model whole (<see cref="WholeModelCheckpoint"/>); a resumed run loads it into every replica.
/// Spans, per replica and step: Forward, Backward, Send (its gradients, with their bytes), Send from the coordinator
/// (the combined gradients on their way back, with their bytes), Receive (the same, arriving) and OptimizerStep; so the
/// bytes moved per step are the gradients exchanged both ways, 2 n times the parameters' bytes.
/// </summary>
public static class DataParallelRun
{
    public const string Mode = "dp";

    public static Task<TrainingResult> RunAsync(
        TrainingOptions options, DpSettings dp, Dataset data, ITrainingObserver observer, ILogger log,
        TimeProvider? clock = null, CancellationToken ct = default, RunEnvironment? environment = null) =>
        RunAsync(options, dp, data, observer, log, clock, ct, inspect: null, environment);

    /// <exception cref="ArgumentException">the batch cannot be shared by the replicas, or the split holds no full batch.</exception>
    public static void CheckBatches(int trainSamples, int replicas, int batchSize)
    {
        if (batchSize < replicas)
            throw new ArgumentException($"batch size {batchSize} cannot be shared by {replicas} replicas (actortrain.dp.replicas)");
        if (trainSamples < batchSize)
            throw new ArgumentException($"the training split ({trainSamples} samples) holds no full batch of {batchSize}");
    }

    /// <param name="inspect">Sees the replicas' models after training, before they are disposed (tests).</param>
    internal static async Task<TrainingResult> RunAsync(
        TrainingOptions options, DpSettings dp, Dataset data, ITrainingObserver observer, ILogger log,
        TimeProvider? clock, CancellationToken ct, Action<IReadOnlyList<Sequential>>? inspect, RunEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dp);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dp.Replicas, "dp.Replicas");
        CheckBatches(data.Train.Count, dp.Replicas, options.BatchSize);
        clock ??= TimeProvider.System;
        var threads = Math.Max(1, options.Pipeline.ThreadsPerStage);

        var loaderOptions = new BatchLoaderOptions { BatchSize = options.BatchSize, Shuffle = options.Shuffle, Seed = options.Seed, DropLast = true };
        var batchesPerEpoch = new BatchLoader(data.Train, data.Normalization, loaderOptions).BatchesPerEpoch;

        var replicas = new List<Replica>();
        try
        {
            for (var i = 0; i < dp.Replicas; i++)
                replicas.Add(new Replica(i, dp.Replicas, ModelBuilder.BuildWhole(options.Model, options.Seed), options.Optimizer,
                    new BatchLoader(data.Train, data.Normalization, loaderOptions)));
            var start = options.ResumeFrom is null ? RunPosition.Start : Resume(options, replicas, log);

            observer.OnRunStarted(new RunInfo(Mode, Mode, dp.Replicas, 1, options.BatchSize, 0,
                replicas.Select(r => new StageInfo(r.Index, $"replica {r.Index}", r.Model.ParameterCount(), "cpu", threads)).ToList(),
                clock.GetTimestamp()));
            var result = await Train(options, replicas, data, batchesPerEpoch, start, threads, observer, log, clock, ct,
                environment ?? RunEnvironment.Private).ConfigureAwait(false);
            inspect?.Invoke(replicas.Select(r => r.Model).ToList());
            return result;
        }
        finally
        {
            foreach (var r in replicas) r.Dispose();
        }
    }

    /// <summary>Replica 0 reads the checkpoint; the others copy it, so they start identical.</summary>
    private static RunPosition Resume(TrainingOptions options, IReadOnlyList<Replica> replicas, ILogger log)
    {
        var first = replicas[0];
        var start = WholeModelCheckpoint.Resume(options, Mode, first.Model, options.ResumeOptimizerState ? first.Optimizer : null, log);
        foreach (var other in replicas.Skip(1))
        {
            other.Model.LoadStateDict(first.Model.StateDict());
            other.Optimizer.LoadStateDict(first.Optimizer.StateDict());
        }
        return start;
    }

    private static Task<TrainingResult> Train(TrainingOptions options, IReadOnlyList<Replica> replicas, Dataset data, int batchesPerEpoch,
        RunPosition start, int threads, ITrainingObserver observer, ILogger log, TimeProvider clock, CancellationToken ct, RunEnvironment environment)
    {
        var test = new BatchLoader(data.Test, data.Normalization,
            new BatchLoaderOptions { BatchSize = Math.Max(options.BatchSize, 256), Shuffle = false, Seed = options.Seed });
        Func<Replica, Props> replicaProps = r =>
            Props.Create(() => new ReplicaActor(r, test, threads, observer, clock)).WithDispatcher(StageDispatcher.Id);
        // The coordinator sums gradients, so it too gets a thread of its own.
        return ActorRunHost.RunAsync("coordinator",
            done => Props.Create(() => new DataParallelCoordinator(options, replicas, replicaProps, batchesPerEpoch, start, observer, clock, log, done))
                .WithDispatcher(StageDispatcher.Id),
            environment, observer, clock, ct);
    }
}
