using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Supervision;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.DataParallel;

public sealed class DataParallelCheckpointTests : IDisposable
{
    private readonly TempDirectory _root = new();

    // Batch norm and momentum: the checkpoint must carry running statistics and optimizer state, not only weights.
    private static TrainingOptions Options(string runDirectory, int epochs, long maxSteps = 0) =>
        SmallRuns.Options(SmallRuns.Model(SmallRuns.IstLayers), epochs: epochs, maxSteps: maxSteps) with { RunDirectory = runDirectory };

    private static Task<TrainingResult> Run(TrainingOptions options) =>
        DataParallelRun.RunAsync(options, new DpSettings(2), SmallRuns.Data(), NullTrainingObserver.Instance, SmallRuns.Log).WaitAsync(SmallRuns.Timeout);

    private static void AssertSameState(string expectedRun, string actualRun)
    {
        foreach (var prefix in new[] { "model.", "optim." })
            SmallRuns.AssertClose(TrainingFixtures.FinalWeights(expectedRun, prefix), TrainingFixtures.FinalWeights(actualRun, prefix), 0);
    }

    [TorchFact]
    public async Task Three_epochs_equal_one_epoch_resumed_to_three_bit_for_bit()
    {
        var (whole, first) = (_root.File("whole"), _root.File("first"));
        await Run(Options(whole, epochs: 3));
        await Run(Options(first, epochs: 1));

        var resumed = await Run(Options(_root.File("second"), epochs: 3) with { ResumeFrom = first });

        Assert.Equal(96, resumed.Steps);
        AssertSameState(whole, _root.File("second"));
    }

    [TorchFact]
    public async Task A_run_stopped_mid_epoch_resumes_at_the_next_batch_bit_for_bit()
    {
        var (whole, first) = (_root.File("whole"), _root.File("first"));
        await Run(Options(whole, epochs: 2));
        await Run(Options(first, epochs: 2, maxSteps: 13));

        await Run(Options(_root.File("second"), epochs: 2) with { ResumeFrom = first });

        AssertSameState(whole, _root.File("second"));
    }

    [TorchFact]
    public async Task Checkpoints_fall_every_N_steps_and_at_the_end_and_only_the_newest_two_are_kept()
    {
        var run = _root.File("run");

        var result = await Run(Options(run, epochs: 1) with { CheckpointEvery = 10 });

        // 1024 samples in batches of 32: 32 steps, checkpoints after 10, 20, 30 and 32.
        Assert.Equal(["step-000030", "step-000032"], Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Equal(Path.Combine(run, "checkpoints", "step-000032"), result.CheckpointDirectory);
        var manifest = CheckpointManifest.Read(Path.Combine(run, "checkpoints", "step-000030"));
        Assert.Equal((30L, 0, 30, "dp"), (manifest.Step, manifest.Epoch, manifest.Batch, manifest.Mode));
        Assert.Equal([3], manifest.Balance);
    }

    public void Dispose() => _root.Dispose();
}
