using ActorTrain.Training.Hosting;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.DataParallel;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.Checkpoints;

/// <summary>
/// What resuming must do in every mode that holds the model whole (ist, dp): a run stopped and resumed ends with the
/// same model and optimizer state, bit for bit, as the run never stopped. Batch norm and momentum in the model, so
/// the checkpoint must carry running statistics and optimizer state, not only weights.
/// </summary>
public abstract class WholeModelResumeContract : IDisposable
{
    protected TempDirectory Root { get; } = new();

    /// <summary>Runs the mode on <see cref="SmallRuns.Data"/>.</summary>
    protected abstract Task<TrainingResult> Run(TrainingOptions options);

    /// <summary>Steps of one epoch, as the mode counts them.</summary>
    protected abstract long StepsPerEpoch { get; }

    /// <summary>A step limit that stops the first epoch in the middle.</summary>
    protected abstract long MidEpochStop { get; }

    protected static TrainingOptions Options(string runDirectory, int epochs, long maxSteps = 0) =>
        SmallRuns.Options(SmallRuns.Model(SmallRuns.IstLayers), epochs: epochs, maxSteps: maxSteps) with { RunDirectory = runDirectory };

    [TorchFact]
    public async Task Three_epochs_equal_one_epoch_resumed_to_three_bit_for_bit()
    {
        var (whole, first, second) = (Root.File("whole"), Root.File("first"), Root.File("second"));
        await Run(Options(whole, epochs: 3));
        await Run(Options(first, epochs: 1));

        var resumed = await Run(Options(second, epochs: 3) with { ResumeFrom = first });

        Assert.Equal(3 * StepsPerEpoch, resumed.Steps);
        AssertSameState(whole, second);
    }

    [TorchFact]
    public async Task A_run_stopped_mid_epoch_resumes_where_it_stopped_bit_for_bit()
    {
        var (whole, first, second) = (Root.File("whole"), Root.File("first"), Root.File("second"));
        await Run(Options(whole, epochs: 2));
        await Run(Options(first, epochs: 2, maxSteps: MidEpochStop));

        await Run(Options(second, epochs: 2) with { ResumeFrom = first });

        AssertSameState(whole, second);
    }

    private static void AssertSameState(string expectedRun, string actualRun)
    {
        Assert.NotEmpty(TrainingFixtures.FinalWeights(expectedRun, "optim."));
        foreach (var prefix in new[] { "model.", "optim." })
            SmallRuns.AssertClose(TrainingFixtures.FinalWeights(expectedRun, prefix), TrainingFixtures.FinalWeights(actualRun, prefix), 0);
    }

    public void Dispose()
    {
        Root.Dispose();
        GC.SuppressFinalize(this);
    }
}
