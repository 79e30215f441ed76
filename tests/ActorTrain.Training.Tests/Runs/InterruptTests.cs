using ActorTrain.Config.Settings;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.DataParallel;

namespace ActorTrain.Training.Tests.Runs;

/// <summary>
/// Every mode's root takes an interrupt (Ctrl-C, SIGTERM) as "stop at the next step boundary": the work in flight
/// finishes, a committed checkpoint is written, and the run ends as interrupted. Resuming it finishes the run; where the
/// mode's step boundaries do not change what trains (sync drains every step, dp and ist have no pipeline), the weights
/// equal those of the run that was never interrupted.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private const int Epochs = 2;
    private const long StepsPerEpoch = 1024 / 32;
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [TorchTheory]
    [InlineData("sync", true)]
    [InlineData("dp", true)]
    [InlineData("ist", true)]
    [InlineData("async", false)]
    [InlineData("decoupled", false)]
    public async Task An_interrupted_run_ends_at_a_step_boundary_with_a_checkpoint_that_a_resume_finishes(string mode, bool sameWeights)
    {
        var whole = await Run(mode, _root.File("whole"), resume: null, NullTrainingObserver.Instance, default);
        using var cancel = new CancellationTokenSource();

        var stopped = await Run(mode, _root.File("stopped"), resume: null, new CancellingObserver(cancel, afterStep: 3), cancel.Token);

        Assert.True(stopped.Interrupted);
        Assert.False(whole.Interrupted);
        Assert.InRange(stopped.Steps, 4, whole.Steps - 1);
        Assert.NotNull(stopped.CheckpointDirectory);
        var resumed = await Run(mode, _root.File("resumed"), resume: _root.File("stopped"), NullTrainingObserver.Instance, default);
        Assert.False(resumed.Interrupted);
        Assert.Equal(whole.Steps, resumed.Steps);
        if (sameWeights)
            SmallRuns.AssertClose(TrainingFixtures.FinalWeights(_root.File("whole")), TrainingFixtures.FinalWeights(_root.File("resumed")), 0);
    }

    private static Task<TrainingResult> Run(string mode, string runDirectory, string? resume, ITrainingObserver observer, CancellationToken ct)
    {
        var data = SmallRuns.Data();
        var model = mode == "ist" ? SmallRuns.Model(SmallRuns.IstLayers) : SmallRuns.Model("linear 32", "relu", "linear 32", "relu", "linear 4");
        var options = SmallRuns.Options(model, epochs: Epochs) with
        {
            Mode = mode,
            RunDirectory = runDirectory,
            ResumeFrom = resume,
            Pipeline = new PipelineOptions(Stages: 2, MicroBatches: 2),
        };
        var log = SmallRuns.Log;
        return (mode switch
        {
            "dp" => DataParallelRun.RunAsync(options, new DpSettings(2), data, observer, log, ct: ct),
            "ist" => IstRun.RunAsync(options, new IstSettings(2, 2, IstOptimizerState.Travel, BatchNormEval.Batch), data, observer, log, ct: ct),
            "decoupled" => DecoupledRun.RunAsync(options, new DecoupledSettings(DecoupledVariant.Independent, CodeDistribution.Normal, 1.0, 0.5, 100, 0.1,
                DecoupledLoss.Mse, OptimizerStatePolicy.Reset), data, observer, log, ct: ct),
            _ => TrainingRun.RunAsync(options, data, observer, log, cancellation: ct),
        }).WaitAsync(SmallRuns.Timeout);
    }
}
