using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.Decoupled;

public sealed class DecoupledFashionMnistTests
{
    [TrainingFact]
    public async Task A_two_stage_decoupled_run_on_a_slice_of_Fashion_MNIST_learns_well_above_chance()
    {
        var data = DatasetCatalog.Load(new DatasetRequest { TrainLimit = 6000, TestLimit = 1000 });
        var options = new TrainingOptions
        {
            Model = TrainingFixtures.SmallMlp(data),
            Pipeline = new PipelineOptions(Stages: 2, Partition: "balance", Balance: [2, 1]),
            Optimizer = new OptimizerOptions(LearningRate: 0.05),
            Mode = "decoupled",
            Epochs = 2,
            BatchSize = 64,
            Seed = 5,
        };
        var settings = new DecoupledSettings(DecoupledVariant.Independent, CodeDistribution.Normal, 1.0, 0, 100, 0.1,
            DecoupledLoss.Mse, OptimizerStatePolicy.Reset);
        var observer = new RecordingObserver();

        var result = await DecoupledRun.RunAsync(options, settings, data, observer, TrainingFixtures.Log).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(result.TestAccuracy > 0.65, $"test accuracy {result.TestAccuracy:P1} (chance is 10%)");
        var codeAccuracy = observer.Evaluations[^1].Extra!["stage-0-code-accuracy"];
        Assert.True(codeAccuracy > 0.6, $"stage-0 nearest-code accuracy {codeAccuracy:P1}");
    }
}
