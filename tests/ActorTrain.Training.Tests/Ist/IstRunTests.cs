using ActorTrain.Config.Settings;
using ActorTrain.Data.Loading;
using ActorTrain.Data;
using ActorTrain.Torch.NN;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.DataParallel;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.Ist;

public sealed class IstRunTests
{
    private static readonly ModelSpec Spec = SmallRuns.Model(SmallRuns.IstLayers);

    private static async Task<Dictionary<string, float[]>> TrainAndSnapshot(TrainingOptions options, IstSettings ist, bool buffers = false)
    {
        Dictionary<string, float[]> weights = [];
        await IstRun.RunAsync(options, ist, SmallRuns.Data(), NullTrainingObserver.Instance, SmallRuns.Log, null, default,
            model => weights = SmallRuns.Snapshot(model, buffers)).WaitAsync(SmallRuns.Timeout);
        return weights;
    }

    private static Dictionary<string, float[]> Initial(TrainingOptions options)
    {
        using var model = ModelBuilder.BuildWhole(options.Model, options.Seed);
        return SmallRuns.Snapshot(model);
    }

    [TorchFact]
    public async Task Rounds_with_a_zero_learning_rate_give_back_every_weight_bit_for_bit()
    {
        var options = SmallRuns.Options(Spec, maxSteps: 2, learningRate: 0);

        var after = await TrainAndSnapshot(options, new IstSettings(3, 2, IstOptimizerState.Travel, BatchNormEval.Batch));

        SmallRuns.AssertClose(Initial(options), after, 0);
    }

    [TorchFact]
    public async Task One_round_of_one_worker_and_one_step_equals_one_SGD_step_on_the_full_model()
    {
        var options = SmallRuns.Options(Spec, maxSteps: 1, learningRate: 0.1);
        var data = SmallRuns.Data();

        var ist = await TrainAndSnapshot(options, new IstSettings(1, 1, IstOptimizerState.Reset, BatchNormEval.Batch), buffers: true);

        using var model = ModelBuilder.BuildWhole(options.Model, options.Seed);
        using var optimizer = OptimizerFactory.Create(model.Parameters(), options.Optimizer);
        var loader = new BatchLoader(data.Train, data.Normalization,
            new BatchLoaderOptions { BatchSize = options.BatchSize, Shuffle = true, Seed = options.Seed, WorkerIndex = 0, WorkerCount = 1, DropLast = true });
        var batch = loader.CreateBatch();
        loader.Fill(0, 0, batch);
        using (var input = WholeModel.Features(batch, 0, batch.Count))
        using (var labels = WholeModel.Labels(batch, 0, batch.Count))
        using (var logits = model.Forward(input))
        using (var loss = Functional.CrossEntropy(logits, labels))
            loss.Backward();
        optimizer.Step();

        SmallRuns.AssertClose(SmallRuns.Snapshot(model, buffers: true), ist, 1e-6);
    }

    [TorchFact]
    public async Task With_two_workers_a_round_leaves_every_weight_outside_the_diagonal_blocks_unchanged()
    {
        var options = SmallRuns.Options(Spec, maxSteps: 1);
        var before = Initial(options);

        var after = await TrainAndSnapshot(options, new IstSettings(2, 3, IstOptimizerState.Reset, BatchNormEval.Batch));

        // The server draws round 0's partitions from (seed, round 0), hidden layer by hidden layer.
        var random = new SeededRandom((ulong)options.Seed, 0);
        var owner = new[] { 32, 32 }.Select(width =>
        {
            var partition = SubnetPartition.Draw(width, 2, random);
            var map = new int[width];
            for (var w = 0; w < 2; w++) foreach (var neuron in partition[w]) map[neuron] = w;
            return map;
        }).ToList();
        int unchanged = 0, changed = 0;
        for (var row = 0; row < 32; row++)
            for (var column = 0; column < 32; column++)
            {
                var k = row * 32 + column;
                var same = before["1.0.weight"][k] == after["1.0.weight"][k];
                if (owner[1][row] != owner[0][column]) Assert.True(same, $"off-diagonal weight ({row}, {column}) changed");
                else if (same) unchanged++;
                else changed++;
            }
        Assert.True(changed > unchanged, $"only {changed} of {changed + unchanged} diagonal-block weights were trained");
    }

    [TorchFact]
    public async Task Independent_subnet_training_learns_the_synthetic_classes_with_batch_statistics()
    {
        var observer = new RecordingObserver();
        var options = SmallRuns.Options(Spec, epochs: 2) with { EvaluateEachEpoch = true };

        var result = await IstRun.RunAsync(options, new IstSettings(2, 4, IstOptimizerState.Reset, BatchNormEval.Batch), SmallRuns.Data(),
            observer, SmallRuns.Log).WaitAsync(SmallRuns.Timeout);

        // 1024 samples, 2 shards of 16 batches of 32: 4 rounds of 4 steps per epoch.
        Assert.Equal(8, result.Steps);
        Assert.Equal(2 * 1024, result.Samples);
        Assert.True(result.TestAccuracy > 0.8, $"test accuracy {result.TestAccuracy:P1} is not well above chance (25%)");
        Assert.All(observer.Steps, s => Assert.Equal("ist", s.Mode));
        var last = observer.Evaluations[^1].Extra!;
        Assert.InRange(last["ist.weight_share_per_worker"], last["ist.predicted_share_low"], last["ist.predicted_share_high"]);
        Assert.True(last["ist.bytes_per_round"] > 0);
        Assert.Contains(observer.Spans, s => s.Kind == SpanKind.Send && s.Bytes > 0);
    }

    [TorchFact]
    public async Task Independent_subnet_training_learns_with_travelling_optimizer_state_and_recalibrated_statistics()
    {
        var options = SmallRuns.Options(Spec, epochs: 2) with { EvaluateEachEpoch = true };

        var result = await IstRun.RunAsync(options, new IstSettings(2, 4, IstOptimizerState.Travel, BatchNormEval.Recalibrate), SmallRuns.Data(),
            NullTrainingObserver.Instance, SmallRuns.Log).WaitAsync(SmallRuns.Timeout);

        Assert.True(result.TestAccuracy > 0.8, $"test accuracy {result.TestAccuracy:P1} is not well above chance (25%)");
    }

    [TorchFact]
    public async Task A_model_that_is_not_fully_connected_is_refused_with_a_clear_message()
    {
        var data = SmallRuns.Data();
        var conv = ModelSpec.FromLayers("cnn", [1, 4, 5], 4,
            new[] { "conv 2 3", "relu", "flatten", "linear 8", "relu", "linear 4" }
                .Select(t => LayerSpec.TryParse(t, out var s, out _) ? s! : throw new ArgumentException(t)).ToList());

        var e = await Assert.ThrowsAsync<ArgumentException>(() => IstRun.RunAsync(SmallRuns.Options(conv),
            new IstSettings(2, 1, IstOptimizerState.Reset, BatchNormEval.Batch), data, NullTrainingObserver.Instance, SmallRuns.Log)
            .WaitAsync(SmallRuns.Timeout));

        Assert.Contains("IST needs a fully connected model on flat inputs", e.Message);
    }

    [TorchFact]
    public async Task A_worker_that_throws_fails_the_run_with_its_exception()
    {
        var run = IstRun.RunAsync(SmallRuns.Options(Spec, epochs: 2), new IstSettings(2, 2, IstOptimizerState.Travel, BatchNormEval.Batch),
            SmallRuns.Data(), new FailingObserver(stage: 1, step: 3), SmallRuns.Log);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(SmallRuns.Timeout));

        Assert.Contains("injected failure in stage 1 at step 3", e.Message);
    }
}
