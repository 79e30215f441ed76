using ActorTrain.Config.Settings;
using ActorTrain.Torch;
using ActorTrain.Torch.NN;

namespace ActorTrain.Training.Model;

/// <summary>
/// Builds libtorch modules from a <see cref="ModelSpec"/>. Blocks are always built in order from a private generator
/// seeded with the run's seed, so the initial weights depend neither on how the model is later cut into stages nor
/// on other threads drawing random numbers at the same time (another run, a parallel test).
/// </summary>
internal static class ModelBuilder
{
    public static IReadOnlyList<Sequential> BuildBlocks(ModelSpec spec, long seed)
    {
        using var generator = new Generator(seed);
        return spec.Blocks.Select((b, k) => Build(b, generator, k)).ToList();
    }

    /// <summary>The whole model as one <see cref="Sequential"/> of blocks (parameter names "block.layer.name").</summary>
    public static Sequential BuildWhole(ModelSpec spec, long seed) => new([.. BuildBlocks(spec, seed)]);

    /// <param name="generator">Where initial weights are drawn from; null draws from libtorch's global generator.</param>
    /// <param name="blockIndex">The block's place in its model: numbers its dropout layers' mask streams apart from other blocks'.</param>
    public static Sequential Build(BlockSpec block, Generator? generator = null, int blockIndex = 0)
    {
        var modules = new List<Module>();
        IReadOnlyList<int> shape = block.InputShape;
        for (var i = 0; i < block.Layers.Count; i++)
        {
            var layer = block.Layers[i];
            modules.Add(Create(layer, shape, generator, DropoutStream(blockIndex, i)));
            shape = ShapeInference.OutputShape(layer, shape, i);
        }
        return new Sequential(modules.ToArray());
    }

    /// <summary>A dropout layer's mask stream: its block and its place in the block.</summary>
    private static long DropoutStream(int block, int layer) => ((long)block << 16) + layer;

    private static Module Create(LayerSpec layer, IReadOnlyList<int> input, Generator? generator, long dropoutStream) => layer.Kind switch
    {
        LayerKind.Linear => new Linear(input[0], layer.Units, layer.Bias, generator),
        LayerKind.Relu => new ReLU(),
        LayerKind.Gelu => new GELU(),
        LayerKind.Tanh => new Tanh(),
        LayerKind.Sigmoid => new Sigmoid(),
        LayerKind.BatchNorm => new BatchNorm1d(input[0], affine: layer.Affine),
        LayerKind.Dropout => new Dropout(layer.Rate, dropoutStream),
        LayerKind.Conv => new Conv2d(input[0], layer.Units, layer.Kernel, bias: layer.Bias, generator: generator),
        LayerKind.MaxPool => new MaxPool2d(layer.Kernel),
        LayerKind.Flatten => new Flatten(),
        _ => throw new ModelSpecException($"layer \"{layer.Text}\" cannot be built"),
    };
}
