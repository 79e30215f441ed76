using ActorTrain.Config;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.PipelineParallel;
using Serilog;

namespace ActorTrain.Faults.Tests;

/// <summary>
/// The run every fault test makes: a two-stage pipeline of a small MLP on 256 synthetic samples (8 steps of 32, 2
/// micro-batches; with <c>dropout</c>, a dropout layer after each hidden layer), with a fault plan injected at the link seam and its checkpoint written under a name, so two runs'
/// final weights can be compared.
/// </summary>
internal static class SmallPipeline
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly LinkProtocolOptions Protocol = new(TimeSpan.FromMilliseconds(20), 64);

    public static async Task<FaultRecorder> RunAsync(
        string runDirectory, string plan, string mode = "sync", RecoveryOptions? recovery = null, int checkpointEvery = 0, string? resumeFrom = null,
        bool dropout = false)
    {
        var faults = SettingsBinder.Bind(ConfigLoader.Load(null, [$"faults.plan={plan}", "faults.seed=3"])).Faults;
        var recorder = new FaultRecorder();
        var injector = new FaultInjector(faults, recorder);
        var links = new LinkFactory([injector], Protocol, [injector]);
        var data = DatasetCatalog.Load(new DatasetRequest
        {
            Name = DatasetCatalog.Synthetic, SyntheticTrainCount = 256, SyntheticTestCount = 64, SyntheticFeatures = 20, SyntheticClasses = 4, SyntheticSeed = 5,
        });
        string[] texts = dropout
            ? ["linear 32", "relu", "dropout 0.3", "linear 32", "relu", "dropout 0.3", "linear 4"]
            : ["linear 32", "relu", "linear 32", "relu", "linear 4"];
        var layers = texts
            .Select(text => LayerSpec.TryParse(text, out var spec, out _) ? spec! : throw new ArgumentException(text)).ToList();
        var options = new TrainingOptions
        {
            Model = ModelSpec.FromLayers("custom", [20], 4, layers),
            Optimizer = new OptimizerOptions(LearningRate: 0.05),
            Epochs = 1,
            BatchSize = 32,
            Seed = 7,
            EvaluateEachEpoch = false,
            Mode = mode,
            RunDirectory = runDirectory,
            CheckpointEvery = checkpointEvery,
            ResumeFrom = resumeFrom,
            // Cut by parameters in both modes: async's default (auto) measures block times, and two measurements can
            // cut the model differently (`actortrain faults` pins one cut for both of its runs the same way).
            Pipeline = new PipelineOptions(Stages: 2, Partition: "parameters", MicroBatches: 2),
            Recovery = recovery ?? RecoveryOptions.Off,
        };
        var log = new LoggerConfiguration().MinimumLevel.Warning().CreateLogger();
        await TrainingRun.RunAsync(options, data, recorder, log, environment: new RunEnvironment(Links: links)).WaitAsync(Limit);
        return recorder;
    }
}
