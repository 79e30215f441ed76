using ActorTrain.Actors;

namespace ActorTrain.Actors.Tests.Supervision;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 800)]
    [InlineData(4, 1000)]
    [InlineData(10, 1000)]
    [InlineData(500, 1000)]
    public void Delays_double_from_the_minimum_up_to_the_maximum(int restartCount, int expectedMs)
    {
        var delay = Backoff.Delay(restartCount, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0, new Random(1));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void Jitter_stretches_each_delay_by_at_most_the_random_factor_and_repeats_for_a_seed()
    {
        var series = Delays(new Random(7), randomFactor: 0.5);
        var replay = Delays(new Random(7), randomFactor: 0.5);
        var exact = Delays(new Random(7), randomFactor: 0);

        Assert.Equal(series, replay);
        for (var n = 0; n < series.Count; n++) Assert.InRange(series[n], exact[n], exact[n] * 1.5);
        Assert.True(series.Distinct().Count() > 5, "jitter should vary the delays");
    }

    private static List<TimeSpan> Delays(Random random, double randomFactor) =>
        Enumerable.Range(0, 20).Select(n => Backoff.Delay(n % 5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), randomFactor, random)).ToList();
}
