using ActorTrain.Config.Settings;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Runs;

namespace ActorTrain.Training.Tests.Runs;

public sealed class ModePlanRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("actortrain-plan-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_plan_runs_its_modes_in_order_each_continuing_from_the_previous_checkpoint()
    {
        var plan = new[]
        {
            new ModePlanEntry(TrainingMode.Decoupled, 5, OptimizerStatePolicy.Keep),
            new ModePlanEntry(TrainingMode.Sync, 1, OptimizerStatePolicy.Reset, LearningRate: 0.01),
        };
        var data = TrainingFixtures.Synthetic(train: 128, test: 32, features: 16);
        var options = TrainingFixtures.Options(data, _root, 2, "1f1b", 2, 0);
        var calls = new List<(TrainingMode Mode, TrainingOptions Options)>();
        var recorder = new RecordingObserver();

        var result = await ModePlanRunner.RunAsync(plan, options, (mode, o, _) =>
        {
            calls.Add((mode, o));
            return Task.FromResult(new TrainingResult(calls.Count * 10, 100, 0.5, 1.0, 1.0, TimeSpan.FromSeconds(2), $"ckpt-{calls.Count}"));
        }, recorder, TrainingFixtures.Log, TimeProvider.System);

        Assert.Equal([TrainingMode.Decoupled, TrainingMode.Sync], calls.Select(c => c.Mode));
        Assert.Equal([5, 6], calls.Select(c => c.Options.Epochs));
        Assert.Equal([null, "ckpt-1"], calls.Select(c => c.Options.ResumeFrom));
        Assert.Equal(["decoupled", "sync"], calls.Select(c => c.Options.Mode));
        Assert.False(calls[1].Options.ResumeOptimizerState);
        Assert.Equal([options.Optimizer.LearningRate, 0.01], calls.Select(c => c.Options.Optimizer.LearningRate));
        var change = Assert.Single(recorder.Switches);
        Assert.Equal(("decoupled", "sync", 5, 10L), (change.From, change.To, change.Epoch, change.Step));
        Assert.Equal((200L, TimeSpan.FromSeconds(4)), (result.Samples, result.Elapsed));
    }

    [TorchFact]
    public async Task Decoupled_epochs_then_a_sync_recovery_epoch_carry_the_model_across_the_switch()
    {
        var data = TrainingFixtures.Synthetic(train: 2560, test: 256);
        var options = TrainingFixtures.Options(data, _root, 2, "1f1b", 2, 0) with
        {
            EvaluateEachEpoch = true,
            Optimizer = new OptimizerOptions(LearningRate: 0.05),
        };
        var plan = new[]
        {
            new ModePlanEntry(TrainingMode.Decoupled, 2, OptimizerStatePolicy.Keep),
            new ModePlanEntry(TrainingMode.Sync, 1, OptimizerStatePolicy.Reset),
        };
        var decoupled = new Config.Settings.DecoupledSettings(DecoupledVariant.Independent, CodeDistribution.Normal, 1.0, 0, 100, 0.1,
            DecoupledLoss.Mse, OptimizerStatePolicy.Reset);
        string? decoupledCheckpoint = null;

        var result = await ModePlanRunner.RunAsync(plan, options, async (mode, o, _) =>
        {
            if (mode == TrainingMode.Sync)
            {
                Assert.Equal(decoupledCheckpoint, o.ResumeFrom);
                return await TrainingRun.RunAsync(o, data, NullTrainingObserver.Instance, TrainingFixtures.Log);
            }
            var r = await Training.Decoupled.DecoupledRun.RunAsync(o, decoupled, data, NullTrainingObserver.Instance, TrainingFixtures.Log);
            decoupledCheckpoint = r.CheckpointDirectory;
            return r;
        }, NullTrainingObserver.Instance, TrainingFixtures.Log, TimeProvider.System);

        Assert.NotNull(decoupledCheckpoint);
        Assert.Equal(60, result.Steps);
        Assert.True(result.TestAccuracy > 0.8, $"accuracy {result.TestAccuracy} after the recovery epoch");
    }
}
