using ActorTrain.Config.Settings;

namespace ActorTrain.Training.Model;

/// <summary>The reference workloads of the design (mlp6, ist-mlp, cnn-small) as layer lists, and model construction from settings.</summary>
public static class ModelPresets
{
    public static IReadOnlyList<LayerSpec> Layers(ModelPreset preset, int classes) => preset switch
    {
        // The synthetic-label paper's 6-layer fully connected net: 784-1024x5-C, ReLU.
        ModelPreset.Mlp6 => Parse([.. Enumerable.Repeat(new[] { "linear 1024", "relu" }, 5).SelectMany(x => x), $"linear {classes}"]),
        // IST's reference: no biases, batch norm (batch statistics) after each hidden layer, output batch norm without affine.
        ModelPreset.IstMlp => Parse(["linear 2048 nobias", "batchnorm", "relu", "linear 2048 nobias", "batchnorm", "relu",
                                     $"linear {classes} nobias", "batchnorm noaffine"]),
        // Two conv + pool blocks and two linear layers: 28x28 -> 24 -> 12 -> 8 -> 4.
        ModelPreset.CnnSmall => Parse(["conv 16 5", "relu", "maxpool 2", "conv 32 5", "relu", "maxpool 2", "flatten",
                                       "linear 128", "relu", $"linear {classes}"]),
        _ => throw new ModelSpecException($"actortrain.model.preset = {preset} has no layer list"),
    };

    /// <summary>
    /// Builds the spec for images of <paramref name="rows"/> x <paramref name="columns"/>: a model that starts with a
    /// conv layer sees 1 x rows x columns, any other the flat row of pixels.
    /// </summary>
    public static ModelSpec Build(ModelSettings settings, int rows, int columns, int classes)
    {
        var layers = settings.Preset == ModelPreset.Custom ? settings.Layers : Layers(settings.Preset, classes);
        int[] input = layers.Count > 0 && layers[0].Kind == LayerKind.Conv ? [1, rows, columns] : [rows * columns];
        var name = EnumNames.Of(settings.Preset);
        return ModelSpec.FromLayers(name, input, classes, layers);
    }

    private static IReadOnlyList<LayerSpec> Parse(IEnumerable<string> layers) =>
        layers.Select(text => LayerSpec.TryParse(text, out var spec, out _) ? spec! : throw new ModelSpecException($"preset layer \"{text}\" does not parse")).ToList();
}
