using ActorTrain.Profiling.Report;

namespace ActorTrain.Profiling.Tests.Report;

public sealed class AxisTicksTests
{
    [Theory]
    [InlineData(0, 11, 5, 0, 12, 2)]
    [InlineData(0.37, 0.91, 5, 0.3, 1.0, 0.1)]
    [InlineData(0, 1000, 8, 0, 1000, 100)]
    [InlineData(-3.2, 7.9, 4, -4, 8, 2)]
    public void Ticks_are_round_steps_covering_the_range(double min, double max, int target, double low, double high, double step)
    {
        var (niceMin, niceMax, ticks) = AxisTicks.Nice(min, max, target);

        Assert.Equal(low, niceMin, 1e-12);
        Assert.Equal(high, niceMax, 1e-12);
        Assert.Equal(step, ticks[1] - ticks[0], 1e-12);
        Assert.Equal(high, ticks[^1], 1e-12);
    }

    [Fact]
    public void A_flat_series_still_gets_a_range()
    {
        var (min, max, ticks) = AxisTicks.Nice(0.5, 0.5);

        Assert.True(min < 0.5 && max > 0.5);
        Assert.True(ticks.Length >= 2);
    }
}
