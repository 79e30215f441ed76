namespace ActorTrain.Cluster.Tests;

/// <summary>
/// The same configuration trained in one process, then by a driver on two worker processes, every process required to
/// exit 0: the two runs most clustered tests compare, with the final test accuracy each printed.
/// </summary>
internal sealed record OneProcessAndCluster(LoopbackCluster Local, LoopbackCluster Cluster, string LocalAccuracy, string ClusterAccuracy)
{
    public static async Task<OneProcessAndCluster> RunAsync(TempDirectory temp, TimeSpan timeout, params string[] sets)
    {
        var local = new LoopbackCluster(temp.File("local"), sets);
        string localAccuracy;
        using (var oneProcess = CliProcess.Start(local.Args("train", "cluster.enabled=off")))
        {
            Assert.True(await oneProcess.ExitCodeAsync(timeout) == 0, oneProcess.Output);
            localAccuracy = RunOutput.FinalTestAccuracy(oneProcess.Stdout);
        }

        var cluster = new LoopbackCluster(temp.File("cluster"), sets);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(timeout) == 0, driver.Output + worker0.Output + worker1.Output);
        Assert.Equal(0, await worker0.ExitCodeAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await worker1.ExitCodeAsync(TimeSpan.FromSeconds(30)));
        return new OneProcessAndCluster(local, cluster, localAccuracy, RunOutput.FinalTestAccuracy(driver.Stdout));
    }
}
