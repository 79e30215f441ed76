using ActorTrain.Config.Settings;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.DataParallel;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.Checkpoints;

/// <summary>
/// ist and dp checkpoint the model whole (one stage file), the pipeline modes in stage files of their own cut: each
/// mode must read the other's, parameters and optimizer state alike, as a mode plan switching between them does.
/// </summary>
public sealed class CrossModeResumeTests : IDisposable
{
    // No batch norm: replicas normalise their own shares, so only without it does dp equal one process (and sync).
    private static readonly string[] Mlp = ["linear 32", "relu", "linear 32", "relu", "linear 4"];

    private readonly TempDirectory _root = new();

    private static TrainingOptions Options(string[] layers, string runDirectory, int epochs) =>
        SmallRuns.Options(SmallRuns.Model(layers), epochs: epochs) with
        {
            RunDirectory = runDirectory,
            Pipeline = new PipelineOptions(Stages: 2, MicroBatches: 1, Schedule: "gpipe"),
        };

    private static Task<TrainingResult> Dp(TrainingOptions options) =>
        DataParallelRun.RunAsync(options with { Mode = "dp" }, new DpSettings(2), SmallRuns.Data(), NullTrainingObserver.Instance, SmallRuns.Log)
            .WaitAsync(SmallRuns.Timeout);

    private static Task<TrainingResult> Sync(TrainingOptions options) =>
        TrainingRun.RunAsync(options, SmallRuns.Data(), NullTrainingObserver.Instance, SmallRuns.Log).WaitAsync(SmallRuns.Timeout);

    [TorchFact]
    public async Task Sync_continues_a_data_parallel_checkpoint_as_data_parallel_would()
    {
        await Dp(Options(Mlp, _root.File("dp-2"), epochs: 2));
        await Dp(Options(Mlp, _root.File("dp-1"), epochs: 1));

        await Sync(Options(Mlp, _root.File("sync"), epochs: 2) with { ResumeFrom = _root.File("dp-1") });

        Assert.Equal(2, Directory.GetFiles(Path.Combine(_root.File("sync"), "checkpoints", "step-000064"), "stage-*.safetensors").Length);
        SmallRuns.AssertClose(TrainingFixtures.FinalWeights(_root.File("dp-2")), TrainingFixtures.FinalWeights(_root.File("sync")), 1e-5);
    }

    [TorchFact]
    public async Task Data_parallel_continues_a_two_stage_sync_checkpoint_as_sync_would()
    {
        await Sync(Options(Mlp, _root.File("sync-2"), epochs: 2));
        await Sync(Options(Mlp, _root.File("sync-1"), epochs: 1));

        await Dp(Options(Mlp, _root.File("dp"), epochs: 2) with { ResumeFrom = _root.File("sync-1") });

        SmallRuns.AssertClose(TrainingFixtures.FinalWeights(_root.File("sync-2")), TrainingFixtures.FinalWeights(_root.File("dp")), 1e-5);
    }

    [TorchFact]
    public async Task An_ist_checkpoint_cut_into_two_sync_stages_and_joined_again_by_dp_comes_back_bit_for_bit()
    {
        var ist = _root.File("ist");
        await IstRun.RunAsync(Options(SmallRuns.IstLayers, ist, epochs: 1) with { Mode = "ist" },
            new IstSettings(2, 3, IstOptimizerState.Travel, BatchNormEval.Batch), SmallRuns.Data(), NullTrainingObserver.Instance, SmallRuns.Log)
            .WaitAsync(SmallRuns.Timeout);

        // Resumed at their last epoch, sync and dp train nothing and only write their final checkpoints.
        await Sync(Options(SmallRuns.IstLayers, _root.File("sync"), epochs: 1) with { ResumeFrom = ist });
        await Dp(Options(SmallRuns.IstLayers, _root.File("dp"), epochs: 1) with { ResumeFrom = _root.File("sync") });

        Assert.Equal(2, Directory.GetFiles(Path.Combine(_root.File("sync"), "checkpoints", "step-000006"), "stage-*.safetensors").Length);
        foreach (var prefix in new[] { "model.", "optim." })
        {
            Assert.NotEmpty(TrainingFixtures.FinalWeights(ist, prefix));
            SmallRuns.AssertClose(WithoutRunningStatistics(TrainingFixtures.FinalWeights(ist, prefix)),
                WithoutRunningStatistics(TrainingFixtures.FinalWeights(_root.File("dp"), prefix)), 0);
        }
    }

    // The sync pipeline's start-up check forwards two test samples with batch norm in training mode, which moves its
    // running statistics even when no step is trained; weights and optimizer state are untouched.
    private static Dictionary<string, float[]> WithoutRunningStatistics(Dictionary<string, float[]> tensors) =>
        tensors.Where(p => !p.Key.Contains(".running_", StringComparison.Ordinal)).ToDictionary();

    public void Dispose() => _root.Dispose();
}
