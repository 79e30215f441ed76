using ActorTrain.Data.Datasets;

namespace ActorTrain.Data.Tests.Datasets;

public class NormalizationTests
{
    private static LabeledImages Images(byte[] pixels) =>
        new("t/train", pixels, new int[pixels.Length / 4], 2, 2, classCount: 2);

    [Fact]
    public void Mean_and_std_are_those_of_the_pixels_scaled_to_the_unit_interval()
    {
        // Values 0, 51, 102, 255 scaled: 0, 0.2, 0.4, 1; mean 0.4, variance (0.16 + 0.04 + 0 + 0.36) / 4 = 0.14.
        var n = Normalization.Of(Images([0, 51, 102, 255, 255, 102, 51, 0]));

        Assert.Equal(0.4f, n.Mean, 1e-6f);
        Assert.Equal((float)Math.Sqrt(0.14), n.Std, 1e-6f);
    }

    [Fact]
    public void Apply_subtracts_the_mean_and_divides_by_the_std()
    {
        var n = new Normalization(0.5f, 0.25f);

        Assert.Equal((1f - 0.5f) / 0.25f, n.Apply(255), 1e-6f);
        Assert.Equal(-2f, n.Apply(0), 1e-6f);
    }

    [Fact]
    public void Constant_images_divide_by_one_instead_of_zero()
    {
        var n = Normalization.Of(Images([7, 7, 7, 7]));

        Assert.Equal(1f, n.Std);
    }

    [Fact]
    public void A_dataset_normalizes_with_its_training_split_statistics()
    {
        var train = Images([0, 0, 255, 255]);
        var test = Images([255, 255, 255, 255]);

        var data = new Dataset("t", train, test);

        Assert.Equal(new Normalization(0.5f, 0.5f), data.Normalization);
    }
}
