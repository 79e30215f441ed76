using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Supervision;
using ActorTrain.Training.Tests.DataParallel;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.Ist;

public sealed class IstCheckpointTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private static TrainingOptions Options(string runDirectory, int epochs, long maxSteps = 0) =>
        SmallRuns.Options(SmallRuns.Model(SmallRuns.IstLayers), epochs: epochs, maxSteps: maxSteps) with { RunDirectory = runDirectory };

    // Two workers, 3 local steps a round: each shard of 512 samples holds 16 batches of 32, so an epoch is rounds of
    // 3, 3, 3, 3, 3 and 1 steps. Optimizer state travels, so the checkpoint must carry the full-size momentum too.
    private static Task<TrainingResult> Run(TrainingOptions options, IstOptimizerState state = IstOptimizerState.Travel) =>
        IstRun.RunAsync(options, new IstSettings(2, 3, state, BatchNormEval.Batch), SmallRuns.Data(), NullTrainingObserver.Instance, SmallRuns.Log)
            .WaitAsync(SmallRuns.Timeout);

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

        Assert.Equal(18, resumed.Steps);
        Assert.NotEmpty(TrainingFixtures.FinalWeights(whole, "optim."));
        AssertSameState(whole, _root.File("second"));
    }

    [TorchFact]
    public async Task A_run_stopped_mid_epoch_resumes_at_the_next_round_bit_for_bit()
    {
        var (whole, first) = (_root.File("whole"), _root.File("first"));
        await Run(Options(whole, epochs: 2));
        await Run(Options(first, epochs: 2, maxSteps: 4));

        await Run(Options(_root.File("second"), epochs: 2) with { ResumeFrom = first });

        AssertSameState(whole, _root.File("second"));
    }

    [TorchFact]
    public async Task Without_travelling_state_the_checkpoint_holds_the_model_and_no_optimizer_state()
    {
        await Run(Options(_root.File("run"), epochs: 1), IstOptimizerState.Reset);

        Assert.NotEmpty(TrainingFixtures.FinalWeights(_root.File("run")));
        Assert.Empty(TrainingFixtures.FinalWeights(_root.File("run"), "optim."));
    }

    [TorchFact]
    public async Task Checkpoints_fall_at_the_first_round_end_at_or_after_every_N_local_steps()
    {
        var run = _root.File("run");

        await Run(Options(run, epochs: 1) with { CheckpointEvery = 4 });

        // Rounds end after 3, 6, 9, 12, 15 and 16 local steps: 4, 8, 12 and 16 fall in rounds 2, 3, 4 and 6 (the last
        // also the end of the run); round 5 passes no multiple. Only the newest two are kept.
        Assert.Equal(["step-000004", "step-000006"], Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order());
        var manifest = CheckpointManifest.Read(Path.Combine(run, "checkpoints", "step-000004"));
        Assert.Equal((4L, 0, 12, "ist"), (manifest.Step, manifest.Epoch, manifest.Batch, manifest.Mode));
        Assert.Equal([3], manifest.Balance);
    }

    public void Dispose() => _root.Dispose();
}
