using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.Decoupled.Messages;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.Decoupled;

public sealed class DecoupledRunTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _root = Directory.CreateTempSubdirectory("actortrain-decoupled-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // 1024 training samples in batches of 64: 16 batches per epoch.
    private static Dataset Data() => TrainingFixtures.Synthetic(train: 1024, test: 256);

    private static TrainingOptions Options(Dataset data, IReadOnlyList<int> balance, int epochs = 2) => new()
    {
        Model = ModelSpec.FromLayers("small", [data.FeatureCount], data.ClassCount,
            new[] { "linear 64", "relu", "linear 32", "relu", "linear " + data.ClassCount }
                .Select(t => LayerSpec.TryParse(t, out var spec, out _) ? spec! : throw new ArgumentException(t)).ToList()),
        Pipeline = new PipelineOptions(Stages: balance.Count, Partition: "balance", Balance: balance),
        Optimizer = new OptimizerOptions(LearningRate: 0.05),
        Mode = "decoupled",
        Epochs = epochs,
        BatchSize = 64,
        Seed = 11,
    };

    private static DecoupledSettings Settings(DecoupledVariant variant = DecoupledVariant.Independent,
        CodeDistribution codes = CodeDistribution.Normal, DecoupledLoss loss = DecoupledLoss.Mse) =>
        new(variant, codes, 1.0, 0.5, 100, 0.1, loss, OptimizerStatePolicy.Reset);

    [TorchFact]
    public async Task A_two_stage_decoupled_run_learns_well_above_chance_and_reports_each_stage()
    {
        var data = Data();
        var observer = new RecordingObserver();

        var result = await DecoupledRun.RunAsync(Options(data, [1, 2]), Settings(), data, observer, TrainingFixtures.Log).WaitAsync(Limit);

        Assert.Equal(32, result.Steps);
        Assert.True(result.TestAccuracy > 0.6, $"test accuracy {result.TestAccuracy:P1} (chance is 10%)");
        var last = observer.Evaluations[^1];
        Assert.Equal("decoupled", last.Mode);
        Assert.True(last.Extra!["stage-0-code-accuracy"] > 0.6, $"stage-0 nearest-code accuracy {last.Extra["stage-0-code-accuracy"]:P1}");
        Assert.Contains("stage-0-loss", last.Extra.Keys);
        Assert.Contains("stage-1-loss", last.Extra.Keys);
        Assert.Equal(32, observer.Steps.Count);
        Assert.All(observer.Steps, s => Assert.Equal("decoupled", s.Mode));
        Assert.Equal([0, 1], observer.PeakMemory.Keys.Order());
    }

    [TorchFact]
    public async Task Independent_stages_exchange_no_activation_or_gradient_only_indices_and_labels()
    {
        var data = Data();
        var counter = new LinkCounter();
        var observer = new RecordingObserver();
        var options = Options(data, [1, 1, 1], epochs: 1) with { EvaluateEachEpoch = false };

        await DecoupledRun.RunAsync(options, Settings(), data, observer, TrainingFixtures.Log, null, default,
            new RunEnvironment(Links: new LinkFactory([counter]))).WaitAsync(Limit);

        Assert.Equal(0, counter.Total);
        // Each stage received exactly the epoch's indices (4 bytes) and labels (8 bytes).
        Assert.All(observer.ReceivedBytes.Values, bytes => Assert.Equal(1024L * 12, bytes));
        Assert.Equal(3, observer.ReceivedBytes.Count);
    }

    [TorchFact]
    public async Task The_sequential_variant_sends_one_forward_activation_per_batch_and_never_a_gradient()
    {
        var data = Data();
        var counter = new LinkCounter();

        var result = await DecoupledRun.RunAsync(Options(data, [1, 2]), Settings(DecoupledVariant.Sequential), data, new RecordingObserver(),
            TrainingFixtures.Log, null, default, new RunEnvironment(Links: new LinkFactory([counter]))).WaitAsync(Limit);

        Assert.Equal(32, counter.Count(0, 1, nameof(StageActivation)));
        Assert.Equal(0, counter.Count(1, 0, nameof(StageActivation)));
        Assert.DoesNotContain(nameof(Backward), counter.Types);
        Assert.True(result.TestAccuracy > 0.6, $"test accuracy {result.TestAccuracy:P1}");
    }

    [TorchFact]
    public async Task A_middle_stage_learns_from_one_boundary_code_to_the_next()
    {
        var data = Data();
        var observer = new RecordingObserver();

        var result = await DecoupledRun.RunAsync(Options(data, [1, 1, 1]), Settings(), data, observer, TrainingFixtures.Log).WaitAsync(Limit);

        Assert.True(result.TestAccuracy > 0.6, $"test accuracy {result.TestAccuracy:P1} (chance is 10%)");
        Assert.Equal(3, observer.Run!.Stages);
        Assert.Contains("stage-2-loss", observer.Evaluations[^1].Extra!.Keys);
    }

    [TorchFact]
    public async Task Uniform_codes_learnt_through_a_sigmoid_with_a_cosine_loss_train_the_model()
    {
        var data = Data();

        var result = await DecoupledRun.RunAsync(Options(data, [1, 2]), Settings(codes: CodeDistribution.Uniform, loss: DecoupledLoss.Cosine),
            data, new RecordingObserver(), TrainingFixtures.Log).WaitAsync(Limit);

        Assert.True(result.TestAccuracy > 0.6, $"test accuracy {result.TestAccuracy:P1} (chance is 10%)");
    }

    [TorchFact]
    public async Task Stages_that_end_as_in_the_model_hand_the_sync_recovery_the_decoupled_model_unchanged()
    {
        // A sync epoch at a vanishing learning rate scores what it was handed: ending as in the model (ReLU after the
        // first stage's last weight layer), that is the decoupled chain itself.
        var data = Data();
        var options = Options(data, [1, 2]) with { RunDirectory = Path.Combine(_root, "decoupled") };
        var settings = Settings(codes: CodeDistribution.Uniform) with { StageEnd = DecoupledStageEnd.Model, CodeScale = 2 };

        var decoupled = await DecoupledRun.RunAsync(options, settings, data, new RecordingObserver(), TrainingFixtures.Log).WaitAsync(Limit);
        var sync = await Training.PipelineParallel.TrainingRun.RunAsync(options with
        {
            Mode = "sync", Epochs = 3, ResumeFrom = decoupled.CheckpointDirectory, ResumeOptimizerState = false,
            RunDirectory = Path.Combine(_root, "sync"), Optimizer = new OptimizerOptions(LearningRate: 1e-12, Momentum: 0),
        }, data, NullTrainingObserver.Instance, TrainingFixtures.Log).WaitAsync(Limit);

        Assert.True(decoupled.TestAccuracy > 0.6, $"decoupled test accuracy {decoupled.TestAccuracy:P1}");
        Assert.Equal(decoupled.TestAccuracy!.Value, sync.TestAccuracy!.Value, 3);
    }

    [TorchFact]
    public async Task A_checkpoint_keeps_the_codes_and_a_resumed_run_continues_with_them()
    {
        var data = Data();
        var first = Path.Combine(_root, "first");
        var options = Options(data, [1, 2], epochs: 1) with { EvaluateEachEpoch = false, RunDirectory = first };

        var saved = await DecoupledRun.RunAsync(options, Settings(), data, new RecordingObserver(), TrainingFixtures.Log).WaitAsync(Limit);
        var drawn = SyntheticLabelTable.Draw(options.Seed, 0, data.ClassCount, 64, Settings());
        Assert.True(CodeTableFile.Load(saved.CheckpointDirectory!)[0].Codes.SequenceEqual(drawn.Codes));

        // Asked for orthogonal codes now, the resumed run must still use the normal codes it was trained towards.
        var resumed = await DecoupledRun.RunAsync(options with { Epochs = 2, ResumeFrom = first, RunDirectory = Path.Combine(_root, "second") },
            Settings(codes: CodeDistribution.Orthogonal), data, new RecordingObserver(), TrainingFixtures.Log).WaitAsync(Limit);

        Assert.Equal(32, resumed.Steps);
        Assert.True(CodeTableFile.Load(resumed.CheckpointDirectory!)[0].Codes.SequenceEqual(drawn.Codes));
    }

    [TorchFact]
    public async Task Codes_that_cannot_be_drawn_fail_the_run_before_any_work_as_a_setup_error()
    {
        var data = Data();
        var impossible = Settings() with { MinCodeDistance = 1000, MaxRedraws = 3 };

        var e = await Assert.ThrowsAsync<TrainingSetupException>(() =>
            DecoupledRun.RunAsync(Options(data, [1, 2]), impossible, data, new RecordingObserver(), TrainingFixtures.Log).WaitAsync(Limit));

        Assert.Contains("min-code-distance", e.Message);
    }

    [TorchFact]
    public async Task A_stage_that_throws_fails_the_run_with_its_exception()
    {
        var data = Data();

        var run = DecoupledRun.RunAsync(Options(data, [1, 2]), Settings(), data, new FailingObserver(stage: 1, step: 3), TrainingFixtures.Log);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Limit));
        Assert.Contains("injected failure in stage 1 at step 3", e.Message);
    }
}
