using ActorTrain.Config.Settings;
using ActorTrain.Torch.Serialization;
using ActorTrain.Training.Decoupled;

namespace ActorTrain.Training.Tests.Decoupled;

public sealed class SyntheticLabelTableTests
{
    private static DecoupledSettings Settings(CodeDistribution codes, double minDistance = 0, int maxRedraws = 100, double scale = 1) =>
        new(DecoupledVariant.Independent, codes, scale, minDistance, maxRedraws, 0.1, DecoupledLoss.Mse, OptimizerStatePolicy.Reset);

    [Theory]
    [InlineData(CodeDistribution.Uniform)]
    [InlineData(CodeDistribution.Normal)]
    [InlineData(CodeDistribution.Orthogonal)]
    public void The_same_seed_and_boundary_draw_the_same_table_and_another_boundary_a_different_one(CodeDistribution codes)
    {
        var a = SyntheticLabelTable.Draw(7, 0, 10, 32, Settings(codes));
        var b = SyntheticLabelTable.Draw(7, 0, 10, 32, Settings(codes));
        var other = SyntheticLabelTable.Draw(7, 1, 10, 32, Settings(codes));
        var otherSeed = SyntheticLabelTable.Draw(8, 0, 10, 32, Settings(codes));

        Assert.True(a.Codes.SequenceEqual(b.Codes));
        Assert.False(a.Codes.SequenceEqual(other.Codes));
        Assert.False(a.Codes.SequenceEqual(otherSeed.Codes));
    }

    [Fact]
    public void A_redrawn_table_meets_the_minimum_distance_between_classes()
    {
        // Three-dimensional codes for 10 classes often have a close pair: this seed's first draw does.
        var settings = Settings(CodeDistribution.Uniform, minDistance: 0.35, maxRedraws: 10_000);
        Assert.True(SyntheticLabelTable.Draw(3, 0, 10, 3, Settings(CodeDistribution.Uniform)).ClosestPairDistance <= 0.35);

        var table = SyntheticLabelTable.Draw(3, 0, 10, 3, settings);

        Assert.True(table.ClosestPairDistance > 0.35, $"closest pair {table.ClosestPairDistance}");
        Assert.True(table.Codes.SequenceEqual(SyntheticLabelTable.Draw(3, 0, 10, 3, settings).Codes));
    }

    [Fact]
    public void An_unreachable_distance_fails_after_the_allowed_redraws_with_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => SyntheticLabelTable.Draw(3, 2, 10, 4, Settings(CodeDistribution.Uniform, minDistance: 5, maxRedraws: 20)));

        Assert.Contains("min-code-distance = 5", e.Message);
        Assert.Contains("boundary 2", e.Message);
        Assert.Contains("20 draws", e.Message);
    }

    [Fact]
    public void Orthogonal_codes_have_orthonormal_rows_times_the_scale()
    {
        var table = SyntheticLabelTable.Draw(5, 0, 10, 16, Settings(CodeDistribution.Orthogonal, scale: 2));

        for (var a = 0; a < table.Classes; a++)
        for (var b = 0; b < table.Classes; b++)
        {
            var dot = 0.0;
            for (var j = 0; j < table.Width; j++) dot += (double)table.Code(a)[j] * table.Code(b)[j];
            Assert.Equal(a == b ? 4.0 : 0.0, dot, 4);
        }
        Assert.Equal(2 * Math.Sqrt(2), table.ClosestPairDistance, 4);
    }

    [Fact]
    public void Uniform_codes_lie_between_zero_and_the_scale()
    {
        var table = SyntheticLabelTable.Draw(5, 0, 47, 64, Settings(CodeDistribution.Uniform, scale: 0.8));

        Assert.All(table.Codes.ToArray(), c => Assert.InRange(c, 0f, 0.8f));
    }

    [Fact]
    public void Uniform_codes_above_the_sigmoid_range_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => SyntheticLabelTable.Draw(5, 0, 10, 8, Settings(CodeDistribution.Uniform, scale: 2)));

        Assert.Contains("code-scale", e.Message);
    }

    [TorchFact]
    public void A_table_survives_a_checkpoint_round_trip_under_its_boundary_name()
    {
        var table = SyntheticLabelTable.Draw(9, 1, 10, 24, Settings(CodeDistribution.Normal));
        var path = Path.Combine(Directory.CreateTempSubdirectory("actortrain-codes-").FullName, "codes.safetensors");
        try
        {
            using (var tensor = table.ToTensor()) Checkpoint.Save(path, [new(table.TensorName, tensor)]);
            var (tensors, _) = Checkpoint.Load(path);
            using var saved = tensors["codes.1"];

            var restored = SyntheticLabelTable.FromTensor(1, saved);

            Assert.True(table.Codes.SequenceEqual(restored.Codes));
            Assert.Equal((10, 24), (restored.Classes, restored.Width));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
