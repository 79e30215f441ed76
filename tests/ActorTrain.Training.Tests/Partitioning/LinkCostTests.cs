using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Tests.Partitioning;

public sealed class LinkCostTests
{
    [Fact]
    public void Transfer_time_is_bytes_over_bandwidth()
    {
        Assert.Equal(2.5, new LinkCost(1000).TransferMs(2500));
    }

    [Fact]
    public void Bandwidth_quoted_per_second_is_converted_to_per_millisecond()
    {
        Assert.Equal(2.4e6, LinkCost.FromBytesPerSecond(2.4e9).BytesPerMs);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void Zero_or_infinite_bandwidth_makes_transfers_free(double bytesPerMs)
    {
        var link = new LinkCost(bytesPerMs);

        Assert.True(link.IsIgnored);
        Assert.Equal(0, link.TransferMs(1 << 20));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Negative_or_missing_bandwidth_is_rejected(double bytesPerMs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkCost(bytesPerMs));
    }
}
