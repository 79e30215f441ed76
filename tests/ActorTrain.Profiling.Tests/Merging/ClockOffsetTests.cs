using ActorTrain.Profiling.Merging;

namespace ActorTrain.Profiling.Tests.Merging;

public sealed class ClockOffsetTests
{
    /// <summary>
    /// The node's clock is 5000 ns ahead. Each round trip's delays are lopsided in another way; the shortest one
    /// (100 ns) lands within its ±50 ns of the truth, where the slower ones would not.
    /// </summary>
    [Fact]
    public void The_shortest_round_trip_gives_the_offset_as_node_time_minus_the_middle_of_the_round_trip_within_half_of_it()
    {
        ClockSample[] samples =
        [
            new(SentAt: 0, NodeTime: 5_390, ReceivedAt: 400),
            new(SentAt: 1_000, NodeTime: 6_060, ReceivedAt: 1_100),
            new(SentAt: 2_000, NodeTime: 7_100, ReceivedAt: 2_900),
        ];

        var clock = ClockOffset.Estimate(samples);

        Assert.Equal(new ClockOffset(Offset: 5_010, Uncertainty: 50, RoundTrip: 100, Pings: 3), clock);
        Assert.InRange(5_000, clock.Offset - clock.Uncertainty, clock.Offset + clock.Uncertainty);
        Assert.Equal(1_050, clock.ToDriver(6_060));
    }

    [Fact]
    public void Timestamps_near_the_end_of_the_clock_do_not_overflow_the_middle()
    {
        var late = long.MaxValue - 1_000;

        var clock = ClockOffset.Estimate([new ClockSample(late - 200, 7_000, late)]);

        Assert.Equal(7_000 - (late - 100), clock.Offset);
    }

    [Fact]
    public void No_round_trip_or_one_that_ends_before_it_starts_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ClockOffset.Estimate([]));
        var e = Assert.Throws<ArgumentException>(() => ClockOffset.Estimate([new ClockSample(500, 0, 400)]));
        Assert.Contains("sent 500, received 400", e.Message);
    }
}
