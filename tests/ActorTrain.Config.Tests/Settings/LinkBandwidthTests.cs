using ActorTrain.Config.Settings;

namespace ActorTrain.Config.Tests.Settings;

public sealed class LinkBandwidthTests
{
    private static ActorTrainSettings Bind(params string[] sets) => SettingsBinder.Bind(ConfigLoader.Load(null, sets));

    [Fact]
    public void Gloo_sends_are_unpaced_by_default()
    {
        Assert.Equal(0, Bind().Cluster.LinkBandwidth);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100MB/s", 100_000_000)]
    [InlineData("\"1 GB/s\"", 1_000_000_000)]
    [InlineData("64MiB/s", 64L << 20)]
    [InlineData("500kB/s", 500_000)]
    public void Link_bandwidth_is_a_size_per_second_in_bytes(string value, long bytesPerSecond)
    {
        Assert.Equal(bytesPerSecond, Bind($"cluster.link-bandwidth = {value}").Cluster.LinkBandwidth);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("100MB")]
    [InlineData("\"-5MB/s\"")]
    [InlineData("100 parsecs/s")]
    public void Anything_else_is_refused_naming_the_key(string value)
    {
        var e = Assert.Single(Assert.Throws<ConfigValidationException>(() => Bind($"cluster.link-bandwidth = {value}")).Errors);
        Assert.Equal("actortrain.cluster.link-bandwidth", e.Path);
        Assert.Contains("100MB/s", e.Expected);
    }
}
