using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.Checkpoints;

namespace ActorTrain.Training.Tests.DataParallel;

public sealed class DataParallelCheckpointTests : WholeModelResumeContract
{
    // 1024 samples in global batches of 32.
    protected override long StepsPerEpoch => 32;

    protected override long MidEpochStop => 13;

    protected override Task<TrainingResult> Run(TrainingOptions options) =>
        DataParallelRun.RunAsync(options, new DpSettings(2), SmallRuns.Data(), NullTrainingObserver.Instance, SmallRuns.Log).WaitAsync(SmallRuns.Timeout);

    [TorchFact]
    public async Task Checkpoints_fall_every_N_steps_and_at_the_end_and_only_the_newest_two_are_kept()
    {
        var run = Root.File("run");

        var result = await Run(Options(run, epochs: 1) with { CheckpointEvery = 10 });

        // Checkpoints after steps 10, 20, 30 and 32.
        Assert.Equal(["step-000030", "step-000032"], Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Equal(Path.Combine(run, "checkpoints", "step-000032"), result.CheckpointDirectory);
        var manifest = CheckpointManifest.Read(Path.Combine(run, "checkpoints", "step-000030"));
        Assert.Equal((30L, 0, 30, "dp"), (manifest.Step, manifest.Epoch, manifest.Batch, manifest.Mode));
        Assert.Equal([3], manifest.Balance);
    }
}
