using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;

namespace ActorTrain.Training.Tests.DataParallel;

/// <summary>ist and dp on a slice of real Fashion-MNIST with the IST reference shape, narrowed to 256 neurons per layer.</summary>
public sealed class SubnetFashionMnistTests
{
    private static readonly Lazy<Dataset> LazySlice = new(() => DatasetCatalog.Load(new DatasetRequest { TrainLimit = 6000, TestLimit = 1000 }));

    private static Dataset Slice => LazySlice.Value;

    private static TrainingOptions Options() => SmallRuns.Options(
        ModelSpec.FromLayers("ist-mlp-256", [Slice.FeatureCount], Slice.ClassCount,
            new[] { "linear 256 nobias", "batchnorm", "relu", "linear 256 nobias", "batchnorm", "relu", "linear 10 nobias", "batchnorm noaffine" }
                .Select(t => LayerSpec.TryParse(t, out var spec, out _) ? spec! : throw new ArgumentException(t)).ToList()),
        batchSize: 64, epochs: 2) with { EvaluateEachEpoch = true };

    [TrainingFact]
    public async Task Independent_subnet_training_learns_a_slice_of_Fashion_MNIST()
    {
        var result = await IstRun.RunAsync(Options(), new IstSettings(2, 10, IstOptimizerState.Reset, BatchNormEval.Batch), Slice,
            NullTrainingObserver.Instance, SmallRuns.Log).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(result.TestAccuracy > 0.7, $"test accuracy {result.TestAccuracy:P1} (chance is 10%)");
    }

    [TrainingFact]
    public async Task Data_parallel_training_learns_a_slice_of_Fashion_MNIST()
    {
        var result = await DataParallelRun.RunAsync(Options(), new DpSettings(2), Slice, NullTrainingObserver.Instance, SmallRuns.Log)
            .WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(result.TestAccuracy > 0.75, $"test accuracy {result.TestAccuracy:P1} (chance is 10%)");
    }
}
