using ActorTrain.Config;
using ActorTrain.Config.Settings;
using Akka.Configuration;

namespace ActorTrain.Cluster.Tests;

public sealed class ClusterAkkaConfigTests
{
    private static ClusterSettings Cluster(params string[] sets) =>
        SettingsBinder.Bind(ConfigLoader.Load(RepoPaths.Hocon("cluster.conf"), sets)).Cluster;

    [Fact]
    public void A_worker_binds_its_own_address_and_seeds_at_the_driver()
    {
        var cluster = Cluster("cluster.hostname=10.0.0.1", "cluster.bind-hostname=10.0.0.7");
        var worker = ConfigurationFactory.ParseString(ClusterAkkaConfig.For(cluster, driver: false));
        Assert.Equal("10.0.0.7", worker.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(0, worker.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(["akka.tcp://actortrain@10.0.0.1:25520"], worker.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void The_driver_binds_the_cluster_hostname_whatever_the_bind_address()
    {
        var driver = ConfigurationFactory.ParseString(ClusterAkkaConfig.For(Cluster("cluster.hostname=10.0.0.1", "cluster.bind-hostname=10.0.0.7"), driver: true));
        Assert.Equal("10.0.0.1", driver.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(25520, driver.GetInt("akka.remote.dot-netty.tcp.port"));
    }

    [Fact]
    public void Without_a_bind_address_a_worker_binds_the_cluster_hostname()
    {
        var worker = ConfigurationFactory.ParseString(ClusterAkkaConfig.For(Cluster(), driver: false));
        Assert.Equal("127.0.0.1", worker.GetString("akka.remote.dot-netty.tcp.hostname"));
    }
}
