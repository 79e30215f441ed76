using ActorTrain.Config.Settings;
using ActorTrain.Data.Loading;
using ActorTrain.Torch.NN;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.DataParallel;

public sealed class DataParallelRunTests
{
    // No batch norm: its batch statistics are per share, so only a model without it matches one process exactly.
    private static readonly string[] Mlp = ["linear 32", "relu", "linear 32", "relu", "linear 4"];

    [TorchFact]
    public async Task Data_parallel_replicas_match_one_process_training_on_the_whole_batch()
    {
        var data = SmallRuns.Data();
        var options = SmallRuns.Options(SmallRuns.Model(Mlp), batchSize: 30, maxSteps: 10) with
        {
            Optimizer = new OptimizerOptions(LearningRate: 0.05, Momentum: 0.9),
        };
        List<Dictionary<string, float[]>> replicas = [];
        await DataParallelRun.RunAsync(options, new DpSettings(3), data, NullTrainingObserver.Instance, SmallRuns.Log, null, default,
            models => replicas = models.Select(m => SmallRuns.Snapshot(m)).ToList()).WaitAsync(SmallRuns.Timeout);

        using var model = ModelBuilder.BuildWhole(options.Model, options.Seed);
        using var optimizer = OptimizerFactory.Create(model.Parameters(), options.Optimizer);
        var loader = new BatchLoader(data.Train, data.Normalization,
            new BatchLoaderOptions { BatchSize = options.BatchSize, Shuffle = true, Seed = options.Seed, DropLast = true });
        var batch = loader.CreateBatch();
        for (var step = 0; step < 10; step++)
        {
            loader.Fill(0, step, batch);
            using var input = WholeModel.Features(batch, 0, batch.Count);
            using var labels = WholeModel.Labels(batch, 0, batch.Count);
            using var logits = model.Forward(input);
            using var loss = Functional.CrossEntropy(logits, labels);
            loss.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
        }

        Assert.Equal(3, replicas.Count);
        SmallRuns.AssertClose(SmallRuns.Snapshot(model), replicas[0], 1e-5);
        SmallRuns.AssertClose(replicas[0], replicas[1], 0);
        SmallRuns.AssertClose(replicas[0], replicas[2], 0);
    }

    [TorchFact]
    public async Task Data_parallel_training_learns_the_synthetic_classes()
    {
        var data = SmallRuns.Data();
        var options = SmallRuns.Options(SmallRuns.Model(SmallRuns.IstLayers), epochs: 2) with { EvaluateEachEpoch = true };
        var observer = new RecordingObserver();

        var result = await DataParallelRun.RunAsync(options, new DpSettings(2), data, observer, SmallRuns.Log).WaitAsync(SmallRuns.Timeout);

        Assert.Equal(2 * (1024 / 32), result.Steps);
        Assert.True(result.TestAccuracy > 0.8, $"test accuracy {result.TestAccuracy:P1} is not well above chance (25%)");
        Assert.Equal(2, observer.Evaluations.Count);
        Assert.All(observer.Steps, s => Assert.Equal("dp", s.Mode));
        Assert.Contains(observer.Spans, s => s.Kind == SpanKind.Send && s.Bytes > 0);
    }

    [TorchFact]
    public async Task A_batch_smaller_than_the_replica_count_is_refused()
    {
        var data = SmallRuns.Data();
        var options = SmallRuns.Options(SmallRuns.Model(Mlp), batchSize: 2);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            DataParallelRun.RunAsync(options, new DpSettings(3), data, NullTrainingObserver.Instance, SmallRuns.Log).WaitAsync(SmallRuns.Timeout));
    }

    [TorchFact]
    public async Task A_replica_that_throws_fails_the_run_with_its_exception()
    {
        var run = DataParallelRun.RunAsync(SmallRuns.Options(SmallRuns.Model(Mlp), epochs: 2), new DpSettings(2), SmallRuns.Data(),
            new FailingObserver(stage: 1, step: 3), SmallRuns.Log);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(SmallRuns.Timeout));

        Assert.Contains("injected failure in stage 1 at step 3", e.Message);
    }
}
