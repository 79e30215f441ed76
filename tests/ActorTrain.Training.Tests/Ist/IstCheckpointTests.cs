using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.Checkpoints;
using ActorTrain.Training.Tests.DataParallel;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.Ist;

public sealed class IstCheckpointTests : WholeModelResumeContract
{
    // Two workers, 3 local steps a round: each shard of 512 samples holds 16 batches of 32, so an epoch is rounds of
    // 3, 3, 3, 3, 3 and 1 steps.
    protected override long StepsPerEpoch => 6;

    protected override long MidEpochStop => 4;

    protected override Task<TrainingResult> Run(TrainingOptions options) => Run(options, IstOptimizerState.Travel);

    private static Task<TrainingResult> Run(TrainingOptions options, IstOptimizerState state, int workers = 2) =>
        IstRun.RunAsync(options, new IstSettings(workers, 3, state, BatchNormEval.Batch), SmallRuns.Data(), NullTrainingObserver.Instance, SmallRuns.Log)
            .WaitAsync(SmallRuns.Timeout);

    [TorchFact]
    public async Task A_mid_epoch_checkpoint_past_the_end_of_a_smaller_shard_is_refused_naming_the_keys()
    {
        // Four rounds of two workers stop at batch 12 of 16; four workers hold only 8 batches each.
        await Run(Options(Root.File("first"), epochs: 1, maxSteps: 4), IstOptimizerState.Travel);

        var e = await Assert.ThrowsAsync<TrainingSetupException>(() =>
            Run(Options(Root.File("second"), epochs: 1) with { ResumeFrom = Root.File("first") }, IstOptimizerState.Travel, workers: 4));

        Assert.Contains("actortrain.ist.workers", e.Message);
    }

    [TorchFact]
    public async Task Without_travelling_state_the_checkpoint_holds_the_model_and_no_optimizer_state()
    {
        await Run(Options(Root.File("run"), epochs: 1), IstOptimizerState.Reset);

        Assert.NotEmpty(TrainingFixtures.FinalWeights(Root.File("run")));
        Assert.Empty(TrainingFixtures.FinalWeights(Root.File("run"), "optim."));
    }

    [TorchFact]
    public async Task Checkpoints_fall_at_the_first_round_end_at_or_after_every_N_local_steps()
    {
        var run = Root.File("run");

        await Run(Options(run, epochs: 1) with { CheckpointEvery = 4 });

        // Rounds end after 3, 6, 9, 12, 15 and 16 local steps: 4, 8, 12 and 16 fall in rounds 2, 3, 4 and 6 (the last
        // also the end of the run); round 5 passes no multiple. Only the newest two are kept.
        Assert.Equal(["step-000004", "step-000006"], Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order());
        var manifest = CheckpointManifest.Read(Path.Combine(run, "checkpoints", "step-000004"));
        Assert.Equal((4L, 0, 12, "ist"), (manifest.Step, manifest.Epoch, manifest.Batch, manifest.Mode));
        Assert.Equal([3], manifest.Balance);
    }
}
