using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Torch.Serialization;
using ActorTrain.Torch;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using Serilog;

namespace ActorTrain.Training.Tests.Runs;

/// <summary>Small seeded runs on synthetic data, and reading a finished run's weights back from its last checkpoint.</summary>
internal static class TrainingFixtures
{
    public static readonly ILogger Log = new LoggerConfiguration().MinimumLevel.Warning().CreateLogger();

    public static Dataset Synthetic(int train = 2560, int test = 512, int features = 784) => DatasetCatalog.Load(new DatasetRequest
    {
        Name = DatasetCatalog.Synthetic,
        SyntheticTrainCount = train,
        SyntheticTestCount = test,
        SyntheticFeatures = features,
        SyntheticSeed = 3,
    });

    public static TrainingOptions Options(Dataset data, string runDirectory, int stages, string schedule, int microBatches, long maxSteps) => new()
    {
        Model = ModelPresets.Build(new ModelSettings(ModelPreset.Mlp6, []), data.Rows, data.Columns, data.ClassCount),
        Pipeline = new PipelineOptions(Stages: stages, MicroBatches: microBatches, Schedule: schedule),
        Optimizer = new OptimizerOptions(LearningRate: 0.01),
        Epochs = 10,
        MaxSteps = maxSteps,
        BatchSize = 128,
        Seed = 11,
        EvaluateEachEpoch = false,
        RunDirectory = runDirectory,
    };

    /// <summary>784-256-256-C with ReLU: small enough to learn a slice of Fashion-MNIST in seconds.</summary>
    public static ModelSpec SmallMlp(Dataset data) => ModelSpec.FromLayers("mlp-small", [data.FeatureCount], data.ClassCount,
        new[] { "linear 256", "relu", "linear 256", "relu", "linear 10" }
            .Select(t => LayerSpec.TryParse(t, out var spec, out _) ? spec! : throw new ArgumentException(t)).ToList());

    /// <summary>Every float tensor under <paramref name="prefix"/> in every stage file of the run's newest checkpoint, by name.</summary>
    /// <param name="prefix">"model." for parameters and buffers, "optim." for optimizer state.</param>
    public static Dictionary<string, float[]> FinalWeights(string runDirectory, string prefix = "model.")
    {
        var dir = CheckpointDirectory.Resolve(runDirectory);
        var weights = new Dictionary<string, float[]>();
        foreach (var file in Directory.GetFiles(dir, "stage-*.safetensors"))
        {
            var (tensors, _) = Checkpoint.Load(file);
            foreach (var (name, tensor) in tensors)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal) && tensor.DType == ScalarType.Float32)
                    weights[name] = tensor.ToArrayFloat();
                tensor.Dispose();
            }
        }
        return weights;
    }
}
