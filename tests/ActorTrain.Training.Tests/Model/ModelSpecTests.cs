using ActorTrain.Config.Settings;
using ActorTrain.Training.Model;

namespace ActorTrain.Training.Tests.Model;

public class ModelSpecTests
{
    private static ModelSpec Preset(ModelPreset preset) => ModelPresets.Build(new ModelSettings(preset, []), 28, 28, 10);

    private static ModelSpec Custom(int features, int classes, params string[] layers) =>
        ModelSpec.FromLayers("custom", [features], classes, layers.Select(Layer).ToList());

    private static LayerSpec Layer(string text) => LayerSpec.TryParse(text, out var spec, out _) ? spec! : throw new ArgumentException(text);

    [Fact]
    public void Mlp6_has_six_blocks_with_the_papers_widths()
    {
        var spec = Preset(ModelPreset.Mlp6);

        Assert.Equal(6, spec.Blocks.Count);
        Assert.Equal([784, 1024, 1024, 1024, 1024, 1024], spec.Blocks.Select(b => b.InputShape[0]));
        Assert.Equal(10, spec.Blocks[^1].OutputShape[0]);
        Assert.Equal(784L * 1024 + 1024 + 4 * (1024L * 1024 + 1024) + 1024L * 10 + 10, spec.Parameters);
        Assert.Equal("linear 1024, relu", spec.Blocks[0].Describe());
    }

    [Fact]
    public void Ist_mlp_has_no_biases_and_ends_in_batch_norm_without_affine()
    {
        var spec = Preset(ModelPreset.IstMlp);

        Assert.Equal(3, spec.Blocks.Count);
        Assert.Equal(784L * 2048 + 2 * 2048 + 2048L * 2048 + 2 * 2048 + 2048L * 10, spec.Parameters);
        Assert.Equal(LayerKind.BatchNorm, spec.Blocks[^1].Layers[^1].Kind);
        Assert.False(spec.Blocks[^1].Layers[^1].Affine);
    }

    [Fact]
    public void Cnn_small_sees_images_and_infers_conv_and_pool_shapes()
    {
        var spec = Preset(ModelPreset.CnnSmall);

        Assert.Equal([1, 28, 28], spec.InputShape);
        Assert.Equal([16, 12, 12], spec.Blocks[0].OutputShape);
        Assert.Equal([32 * 4 * 4], spec.Blocks[1].OutputShape);
        Assert.Equal(4, spec.Blocks.Count);
    }

    [Fact]
    public void Custom_layers_group_into_blocks_at_each_weight_layer()
    {
        var spec = Custom(20, 3, "linear 64", "batchnorm", "relu", "dropout 0.1", "linear 3");

        Assert.Equal(2, spec.Blocks.Count);
        Assert.Equal(4, spec.Blocks[0].Layers.Count);
        Assert.Equal([64], spec.Blocks[1].InputShape);
    }

    [Fact]
    public void A_linear_layer_after_a_conv_without_flatten_says_to_add_one()
    {
        var e = Assert.Throws<ModelSpecException>(() => ModelSpec.FromLayers("custom", [1, 28, 28], 10, [Layer("conv 4 3"), Layer("linear 10")]));

        Assert.Contains("add \"flatten\"", e.Message);
    }

    [Fact]
    public void A_model_that_does_not_end_in_one_logit_per_class_is_refused()
    {
        var e = Assert.Throws<ModelSpecException>(() => Custom(20, 10, "linear 64"));

        Assert.Contains("10 classes", e.Message);
    }
}
