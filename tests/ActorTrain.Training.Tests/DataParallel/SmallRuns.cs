using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Torch.NN;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using Serilog;

namespace ActorTrain.Training.Tests.DataParallel;

/// <summary>Tiny seeded problems for the ist and dp runs: 20 features, 4 classes, models of a few thousand weights.</summary>
internal static class SmallRuns
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static readonly ILogger Log = new LoggerConfiguration().MinimumLevel.Warning().CreateLogger();

    public static readonly string[] IstLayers =
        ["linear 32 nobias", "batchnorm", "relu", "linear 32 nobias", "batchnorm", "relu", "linear 4 nobias", "batchnorm noaffine"];

    public static Dataset Data(int train = 1024) => DatasetCatalog.Load(new DatasetRequest
    {
        Name = DatasetCatalog.Synthetic,
        SyntheticTrainCount = train,
        SyntheticTestCount = 256,
        SyntheticFeatures = 20,
        SyntheticClasses = 4,
        SyntheticSeed = 5,
    });

    public static ModelSpec Model(params string[] layers) =>
        ModelSpec.FromLayers("custom", [20], 4, layers.Select(text => LayerSpec.TryParse(text, out var spec, out _) ? spec! : throw new ArgumentException(text)).ToList());

    public static TrainingOptions Options(ModelSpec model, int batchSize = 32, long maxSteps = 0, int epochs = 1, double learningRate = 0.05) => new()
    {
        Model = model,
        Optimizer = new OptimizerOptions(LearningRate: learningRate),
        Epochs = epochs,
        MaxSteps = maxSteps,
        BatchSize = batchSize,
        Seed = 7,
        EvaluateEachEpoch = false,
    };

    /// <summary>Copies of every parameter (and buffer, with <paramref name="buffers"/>) by name.</summary>
    public static Dictionary<string, float[]> Snapshot(Module model, bool buffers = false) =>
        (buffers ? model.StateDict().Where(kv => !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)) : model.NamedParameters())
        .ToDictionary(kv => kv.Key, kv => kv.Value.ToArrayFloat());

    public static void AssertClose(IReadOnlyDictionary<string, float[]> expected, IReadOnlyDictionary<string, float[]> actual, double tolerance)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected)
        {
            Assert.Equal(values.Length, actual[name].Length);
            var worst = values.Zip(actual[name], (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= tolerance, $"{name}: largest difference {worst:E2} exceeds {tolerance:E0}");
        }
    }
}
