using ActorTrain.Config.Settings;

namespace ActorTrain.Config.Tests.Settings;

public sealed class LayerSpecTests
{
    [Theory]
    [InlineData("linear 1024", LayerKind.Linear, 1024, 0, true)]
    [InlineData("linear 10 nobias", LayerKind.Linear, 10, 0, false)]
    [InlineData("conv 32 3", LayerKind.Conv, 32, 3, true)]
    [InlineData("conv 32 3 nobias", LayerKind.Conv, 32, 3, false)]
    [InlineData("maxpool 2", LayerKind.MaxPool, 0, 2, true)]
    [InlineData("flatten", LayerKind.Flatten, 0, 0, true)]
    [InlineData("  gelu ", LayerKind.Gelu, 0, 0, true)]
    public void Valid_layer_strings_parse(string text, LayerKind kind, int units, int kernel, bool bias)
    {
        Assert.True(LayerSpec.TryParse(text, out var spec, out _));
        Assert.Equal((kind, units, kernel, bias), (spec!.Kind, spec.Units, spec.Kernel, spec.Bias));
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("linear 0")]
    [InlineData("linear 10 bias")]
    [InlineData("relu 3")]
    [InlineData("dropout 1")]
    [InlineData("conv 3")]
    [InlineData("batchnorm affine")]
    [InlineData("")]
    public void Invalid_layer_strings_do_not_parse(string text)
    {
        Assert.False(LayerSpec.TryParse(text, out _, out _));
    }
}
