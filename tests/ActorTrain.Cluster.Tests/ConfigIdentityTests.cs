using ActorTrain.Config;

namespace ActorTrain.Cluster.Tests;

public sealed class ConfigIdentityTests
{
    [Fact]
    public void The_same_configuration_has_the_same_fingerprint()
    {
        var a = ConfigIdentity.Of(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), []));
        var b = ConfigIdentity.Of(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), []));
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Empty(a.DifferingKeys(b.Lines));
    }

    [Fact]
    public void A_different_value_changes_the_fingerprint_and_is_named()
    {
        var driver = ConfigIdentity.Of(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), []));
        var worker = ConfigIdentity.Of(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), ["pipeline.micro-batches=8"]));
        Assert.NotEqual(driver.Fingerprint, worker.Fingerprint);
        Assert.Equal(["actortrain.pipeline.micro-batches: driver 4, worker 8"], driver.DifferingKeys(worker.Lines));
    }

    [Fact]
    public void A_workers_own_bind_address_is_left_out_of_the_fingerprint()
    {
        var driver = ConfigIdentity.Of(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), []));
        var worker = ConfigIdentity.Of(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), ["cluster.bind-hostname=10.0.0.7"]));
        Assert.Equal(driver.Fingerprint, worker.Fingerprint);
        Assert.Empty(driver.DifferingKeys(worker.Lines));
    }

    [Fact]
    public void A_processs_own_link_bandwidth_is_left_out_of_the_fingerprint()
    {
        var driver = ConfigIdentity.Of(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), []));
        var worker = ConfigIdentity.Of(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), ["cluster.link-bandwidth=100MB/s"]));
        Assert.Equal(driver.Fingerprint, worker.Fingerprint);
        Assert.Empty(driver.DifferingKeys(worker.Lines));
    }
}
