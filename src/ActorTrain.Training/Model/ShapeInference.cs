using ActorTrain.Config.Settings;

namespace ActorTrain.Training.Model;

/// <summary>Per-sample output shape and parameter count of each layer, without building it.</summary>
internal static class ShapeInference
{
    public static int[] OutputShape(LayerSpec layer, IReadOnlyList<int> input, int index)
    {
        string Where() => $"layer {index} (\"{layer.Text}\")";
        string Shape() => $"[{string.Join(", ", input)}]";
        switch (layer.Kind)
        {
            case LayerKind.Linear:
                if (input.Count != 1) throw new ModelSpecException($"{Where()} needs a flat input but gets shape {Shape()}; add \"flatten\" before it");
                return [layer.Units];
            case LayerKind.BatchNorm:
                if (input.Count != 1) throw new ModelSpecException($"{Where()} (1d batch norm) needs a flat input but gets {Shape()}");
                return [.. input];
            case LayerKind.Conv:
                if (input.Count != 3) throw new ModelSpecException($"{Where()} needs channels x height x width input but gets {Shape()}");
                if (input[1] < layer.Kernel || input[2] < layer.Kernel) throw new ModelSpecException($"{Where()}: kernel {layer.Kernel} does not fit input {Shape()}");
                return [layer.Units, input[1] - layer.Kernel + 1, input[2] - layer.Kernel + 1];
            case LayerKind.MaxPool:
                if (input.Count != 3) throw new ModelSpecException($"{Where()} needs channels x height x width input but gets {Shape()}");
                if (input[1] < layer.Kernel || input[2] < layer.Kernel) throw new ModelSpecException($"{Where()}: window {layer.Kernel} does not fit input {Shape()}");
                return [input[0], input[1] / layer.Kernel, input[2] / layer.Kernel];
            case LayerKind.Flatten:
                return [input.Aggregate(1, (a, b) => a * b)];
            default:
                return [.. input];
        }
    }

    /// <summary>Trainable parameter count of one layer given its input shape.</summary>
    public static long Parameters(LayerSpec layer, IReadOnlyList<int> input) => layer.Kind switch
    {
        LayerKind.Linear => (long)input[0] * layer.Units + (layer.Bias ? layer.Units : 0),
        LayerKind.BatchNorm => layer.Affine ? 2L * input[0] : 0,
        LayerKind.Conv => (long)layer.Units * input[0] * layer.Kernel * layer.Kernel + (layer.Bias ? layer.Units : 0),
        _ => 0,
    };

    /// <summary>A weight layer starts a new block (the partitioner's unit).</summary>
    public static bool StartsBlock(LayerSpec layer) => layer.Kind is LayerKind.Linear or LayerKind.Conv;
}
