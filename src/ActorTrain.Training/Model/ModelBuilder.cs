using ActorTrain.Config.Settings;
using ActorTrain.Torch.NN;

namespace ActorTrain.Training.Model;

/// <summary>
/// Builds libtorch modules from a <see cref="ModelSpec"/>. Blocks are always built in order under the run's seed,
/// so the initial weights do not depend on how the model is later cut into stages.
/// </summary>
public static class ModelBuilder
{
    public static IReadOnlyList<Sequential> BuildBlocks(ModelSpec spec, long seed)
    {
        Torch.Torch.ManualSeed(seed);
        return spec.Blocks.Select(Build).ToList();
    }

    public static Sequential Build(BlockSpec block)
    {
        var modules = new List<Module>();
        IReadOnlyList<int> shape = block.InputShape;
        for (var i = 0; i < block.Layers.Count; i++)
        {
            var layer = block.Layers[i];
            modules.Add(Create(layer, shape));
            shape = ShapeInference.OutputShape(layer, shape, i);
        }
        return new Sequential(modules.ToArray());
    }

    private static Module Create(LayerSpec layer, IReadOnlyList<int> input) => layer.Kind switch
    {
        LayerKind.Linear => new Linear(input[0], layer.Units, layer.Bias),
        LayerKind.Relu => new ReLU(),
        LayerKind.Gelu => new GELU(),
        LayerKind.Tanh => new Tanh(),
        LayerKind.Sigmoid => new Sigmoid(),
        LayerKind.BatchNorm => new BatchNorm1d(input[0], affine: layer.Affine),
        LayerKind.Dropout => new Dropout(layer.Rate),
        LayerKind.Conv => new Conv2d(input[0], layer.Units, layer.Kernel, bias: layer.Bias),
        LayerKind.MaxPool => new MaxPool2d(layer.Kernel),
        LayerKind.Flatten => new Flatten(),
        _ => throw new ModelSpecException($"layer \"{layer.Text}\" cannot be built"),
    };
}
