using System.Diagnostics;
using ActorTrain.Cluster.Links;

namespace ActorTrain.Cluster.Tests.Links;

public sealed class LinkPacingTests
{
    [Theory]
    [InlineData(0, 1_000_000_000, 0)]
    [InlineData(100_000_000, 100_000_000, 10_000_000)]
    [InlineData(100_000_000, 1_000, 100)]
    [InlineData(1_000, 1, 10_000)]
    [InlineData(3, 1, 3_333_334)]
    public void A_send_of_N_bytes_at_B_bytes_per_second_takes_at_least_N_over_B_rounded_up_to_a_tick(long bytesPerSecond, long bytes, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), new LinkPacing(bytesPerSecond).MinimumTime(bytes));
    }

    [Fact]
    public void What_remains_of_a_send_is_its_minimum_time_less_the_time_it_took_and_never_negative()
    {
        var pacing = new LinkPacing(1_000_000);
        Assert.Equal(TimeSpan.FromMilliseconds(7), pacing.Remaining(10_000, TimeSpan.FromMilliseconds(3)));
        Assert.Equal(TimeSpan.Zero, pacing.Remaining(10_000, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(TimeSpan.Zero, pacing.Remaining(10_000, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.Zero, LinkPacing.Unpaced.Remaining(10_000, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(1_000, 1, 0)]
    [InlineData(1_000, 2, 1_000)]
    [InlineData(1_000, 4, 1_500)]
    public void A_ring_all_reduce_puts_2_p_minus_1_over_p_of_the_tensor_on_the_wire_from_each_rank(long bytes, int ranks, long sent)
    {
        Assert.Equal(sent, LinkPacing.AllReduceBytes(bytes, ranks));
    }

    [Fact]
    public void Sends_that_overlap_share_the_uplink_one_after_the_other_and_a_send_after_a_quiet_spell_starts_afresh()
    {
        var second = Stopwatch.Frequency;
        var pacing = new LinkPacing(1_000_000);
        Assert.Equal(10 * second + second / 2, pacing.Reserve(500_000, 10 * second));
        // Began while the first still held the uplink: it ends half a second after the first.
        Assert.Equal(11 * second, pacing.Reserve(500_000, 10 * second + second / 4));
        Assert.Equal(20 * second + second / 10, pacing.Reserve(100_000, 20 * second));
        Assert.Equal(5 * second, LinkPacing.Unpaced.Reserve(1_000_000, 5 * second));
    }

    [Fact]
    public void A_negative_bandwidth_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkPacing(-1));
    }

    /// <summary>A lower bound only: however loaded the machine, pacing may make a send slower, never faster.</summary>
    [Fact]
    public void Pacing_a_send_that_returned_at_once_waits_until_its_minimum_time_has_passed()
    {
        var pacing = new LinkPacing(100_000_000);
        var start = Stopwatch.GetTimestamp();
        pacing.Pace(8_000_000, start);
        Assert.True(Stopwatch.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(80), $"took {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F1} ms");
    }
}
