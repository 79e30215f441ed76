using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Runs;

namespace ActorTrain.Training.Tests.Runs;

public sealed class AsyncPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("actortrain-async-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<Dictionary<string, float[]>> Train(string name, TrainingOptions options, Dataset data, ITrainingObserver? observer = null)
    {
        var dir = Path.Combine(_root, name);
        await TrainingRun.RunAsync(options with { RunDirectory = dir }, data, observer ?? NullTrainingObserver.Instance, TrainingFixtures.Log)
            .WaitAsync(TimeSpan.FromSeconds(120));
        return TrainingFixtures.FinalWeights(dir);
    }

    // Cut by parameter count, not by profile (async's auto): a profiled cut follows the machine's load, and runs
    // compared with each other must cut alike (without flush, where the cut falls changes how stale each gradient is).
    private static TrainingOptions Options(Dataset data, string mode, int microBatches, int batchSize = 128, long steps = 20, double lr = 0.01) =>
        TrainingFixtures.Options(data, "unused", 2, "1f1b", microBatches, steps) with
        {
            Pipeline = new PipelineOptions(Stages: 2, Partition: StagePlanner.Parameters, MicroBatches: microBatches),
            Mode = mode,
            BatchSize = batchSize,
            Optimizer = new OptimizerOptions(LearningRate: lr),
        };

    [TorchFact]
    public async Task Async_with_one_micro_batch_in_flight_equals_sync_bit_for_bit()
    {
        var data = TrainingFixtures.Synthetic();
        var sync = await Train("sync", Options(data, "sync", 1), data);
        foreach (var stashing in new[] { true, false })
        {
            var async = await Train($"async-{stashing}", Options(data, "async", 1) with { Async = new AsyncOptions(stashing, MaxInFlight: 1) }, data);

            Assert.Equal(sync.Keys.Order(), async.Keys.Order());
            foreach (var (name, values) in sync)
                Assert.True(values.AsSpan().SequenceEqual(async[name]), $"{name} differs (weight stashing {stashing})");
        }
    }

    [TorchFact]
    public async Task One_in_flight_with_four_micro_batches_is_sgd_on_each_micro_batch_weighted_by_its_share()
    {
        // Each micro-batch's loss counts a quarter, so an update per micro-batch equals plain SGD on batches a quarter
        // the size at a quarter of the learning rate (the same data order: micro-batches are consecutive slices).
        var data = TrainingFixtures.Synthetic();
        var plain = await Train("plain", Options(data, "sync", 1, batchSize: 32, steps: 80, lr: 0.0025), data);
        var async = await Train("async", Options(data, "async", 4, steps: 20) with { Async = new AsyncOptions(MaxInFlight: 1) }, data);

        foreach (var (name, values) in plain)
        {
            var worst = values.Zip(async[name], (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= 1e-5, $"{name}: largest difference {worst:E2}");
        }
    }

    [TorchFact]
    public async Task A_step_per_mini_batch_with_one_in_flight_equals_sync_bit_for_bit()
    {
        // Gradients accumulate over the four micro-batches in the same order as sync's, and one step follows the last.
        var data = TrainingFixtures.Synthetic();
        var sync = await Train("sync", Options(data, "sync", 4), data);
        var async = await Train("async", Options(data, "async", 4) with { Async = new AsyncOptions(MaxInFlight: 1, StepEachMiniBatch: true) }, data);

        foreach (var (name, values) in sync)
            Assert.True(values.AsSpan().SequenceEqual(async[name]), $"{name} differs");
    }

    [TorchFact]
    public async Task A_step_per_mini_batch_steps_once_per_mini_batch_on_gradients_that_cross_mini_batches()
    {
        var data = TrainingFixtures.Synthetic();
        var observer = new RecordingObserver();
        var sync = await Train("sync", Options(data, "sync", 4), data);
        var async = await Train("2bw", Options(data, "async", 4) with { Async = new AsyncOptions(StepEachMiniBatch: true) }, data, observer);

        // 2 stages x 20 mini-batches, as with a flush; but stage 0 runs the next mini-batch's first forward before the
        // step, on the older weights, so the result is not sync's.
        Assert.Equal(2 * 20, observer.Spans.Count(s => s.Kind == SpanKind.OptimizerStep));
        Assert.False(sync["model.0.0.weight"].AsSpan().SequenceEqual(async["model.0.0.weight"]));
    }

    [TorchFact]
    public async Task In_flight_micro_batches_make_it_differ_from_sync_and_stashing_changes_the_result()
    {
        var data = TrainingFixtures.Synthetic();
        var observer = new RecordingObserver();
        var sync = await Train("sync", Options(data, "sync", 4), data);
        var stashed = await Train("stashed", Options(data, "async", 4), data, observer);
        var stale = await Train("stale", Options(data, "async", 4) with { Async = new AsyncOptions(WeightStashing: false) }, data);

        const string first = "model.0.0.weight";
        Assert.False(sync[first].AsSpan().SequenceEqual(stashed[first]));
        Assert.False(stashed[first].AsSpan().SequenceEqual(stale[first]));
        // An update after every backward: four optimizer steps per mini-batch on every stage, none after a flush.
        var updates = observer.Spans.Where(s => s.Kind == SpanKind.OptimizerStep).ToList();
        Assert.Equal(2 * 20 * 4, updates.Count);
        Assert.All(updates, s => Assert.InRange(s.MicroBatch, 0, 3));
    }

    [TorchFact]
    public async Task Stage_k_never_holds_more_than_p_minus_k_micro_batches()
    {
        var data = TrainingFixtures.Synthetic();
        var observer = new RecordingObserver();
        await Train("bound", TrainingFixtures.Options(data, "unused", 3, "1f1b", 8, 10) with { Mode = "async" }, data, observer);

        foreach (var stage in Enumerable.Range(0, 3))
        {
            var inFlight = 0;
            var most = 0;
            foreach (var span in observer.Spans.Where(s => s.Stage == stage).OrderBy(s => s.StartTimestamp))
            {
                if (span.Kind == SpanKind.Forward) most = Math.Max(most, ++inFlight);
                if (span.Kind == SpanKind.Backward) inFlight--;
            }
            Assert.Equal(3 - stage, most);
        }
    }

    [TorchFact]
    public async Task A_deep_pipeline_drains_at_an_epoch_whose_last_mini_batch_is_short()
    {
        // 2,562 samples: the epoch's last mini-batch holds 2 (two micro-batches, not four), and 6 in flight reach past
        // it, so the last backwards can run only once the supervisor says nothing more is coming.
        var data = TrainingFixtures.Synthetic(train: 2562);
        var options = Options(data, "async", 4, steps: 0) with { Epochs = 2, Async = new AsyncOptions(MaxInFlight: 6), EvaluateEachEpoch = true };

        var weights = await Train("deep", options, data);

        Assert.NotEmpty(weights);
    }

    [TorchTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_checkpoint_drains_the_pipeline_so_resuming_reproduces_a_run_that_checkpointed_at_the_same_step(bool stepEachMiniBatch)
    {
        // Without flush, micro-batches of consecutive mini-batches overlap; a checkpoint drains them, so the run to
        // compare with is one that drained at the same step (it checkpointed there), not one that never stopped.
        var data = TrainingFixtures.Synthetic();
        var options = Options(data, "async", 4, steps: 30) with { Async = new AsyncOptions(StepEachMiniBatch: stepEachMiniBatch) };
        var whole = await Train("whole", options with { CheckpointEvery = 15 }, data);
        await Train("first", options with { MaxSteps = 15 }, data);
        var resumed = await Train("second", options with { ResumeFrom = Path.Combine(_root, "first") }, data);

        foreach (var (name, values) in whole)
            Assert.True(values.AsSpan().SequenceEqual(resumed[name]), $"{name} differs after resuming");
    }

    [TrainingFact]
    public async Task An_async_run_on_a_slice_of_Fashion_MNIST_learns_well_above_chance()
    {
        var data = DatasetCatalog.Load(new DatasetRequest { TrainLimit = 6000, TestLimit = 1000 });
        var options = new TrainingOptions
        {
            Model = TrainingFixtures.SmallMlp(data),
            Pipeline = new PipelineOptions(Stages: 2, MicroBatches: 4),
            Optimizer = new OptimizerOptions(LearningRate: 0.05),
            Mode = "async",
            Epochs = 2,
            BatchSize = 64,
            Seed = 5,
        };

        var result = await TrainingRun.RunAsync(options, data, NullTrainingObserver.Instance, TrainingFixtures.Log).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(result.TestAccuracy > 0.75, $"test accuracy {result.TestAccuracy:P1} (chance is 10%)");
    }
}
