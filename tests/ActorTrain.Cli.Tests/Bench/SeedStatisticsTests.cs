using ActorTrain.Cli.Bench;

namespace ActorTrain.Cli.Tests.Bench;

public sealed class SeedStatisticsTests
{
    [Fact]
    public void Mean_and_sample_standard_deviation_of_a_few_seeds()
    {
        var s = SeedStatistics.Of([86.0, 87.0, 88.0]);

        Assert.Equal((87.0, 1.0, 3), (s.Mean, s.StandardDeviation, s.Count));
    }

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(9, 2.262)]
    [InlineData(30, 2.042)]
    [InlineData(100, 1.96)]
    public void The_t_quantile_is_students_two_sided_95_percent(int degreesOfFreedom, double quantile)
    {
        Assert.Equal(quantile, SeedStatistics.TQuantile(degreesOfFreedom));
    }

    [Fact]
    public void A_paired_difference_over_three_seeds_has_a_t_interval_with_two_degrees_of_freedom()
    {
        // Differences 1, 2, 3: mean 2, sd 1, half-width 4.303 / sqrt(3).
        var i = SeedStatistics.PairedDifference([11.0, 12.0, 13.0], [10.0, 10.0, 10.0]);

        Assert.Equal(2.0, i.Mean, 12);
        Assert.Equal(2.0 - 4.303 / Math.Sqrt(3), i.Low, 12);
        Assert.Equal(2.0 + 4.303 / Math.Sqrt(3), i.High, 12);
        Assert.False(i.AtLeast(0.0));
        Assert.True(i.AtMost(5.0));
    }

    [Fact]
    public void Pairing_needs_as_many_values_on_each_side()
    {
        Assert.Throws<ArgumentException>(() => SeedStatistics.PairedDifference([1.0, 2.0], [1.0]));
    }
}
