namespace ActorTrain.Cluster.Tests;

/// <summary>
/// Independent subnet training with the parameter server on the driver and a subnet worker in each of two worker
/// processes. Real processes on loopback, one test at a time (they share two cores).
/// </summary>
[Collection(nameof(ClusterModeProcesses))]
public sealed class ClusteredIstTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    // Two rounds of two local steps per epoch on the 1,024-sample slice (512 per worker, batch 128).
    private static readonly string[] Ist = ["run.mode=ist", "ist.workers=2", "ist.local-steps=2"];

    /// <summary>
    /// The same rounds, partitions and shards as one process; the slices cross over Gloo unchanged, and the server sums
    /// the shared tensors in worker order: the same stage file bit for bit and the same test accuracy.
    /// </summary>
    [TrainingFact]
    public Task Ist_on_two_worker_processes_ends_with_the_weights_and_test_accuracy_of_ist_in_one_process() =>
        ClusteredRunTests.AssertClusterEqualsOneProcess("ist", [.. Ist, "run.epochs=2"]);

    /// <summary>The workers keep nothing the server lacks: a run continued from the driver's checkpoint on fresh workers is the uninterrupted run.</summary>
    [TrainingFact]
    public async Task Clustered_ist_resumed_on_two_fresh_workers_for_a_second_epoch_ends_with_the_weights_of_two_epochs_in_one_process()
    {
        using var temp = new TempDirectory();
        var uninterrupted = new LoopbackCluster(temp.File("uninterrupted"), [.. Ist, "run.epochs=2"]);
        using (var oneProcess = CliProcess.Start(uninterrupted.Args("train", "cluster.enabled=off")))
            Assert.True(await oneProcess.ExitCodeAsync(RunTimeout) == 0, oneProcess.Output);

        var first = new LoopbackCluster(temp.File("first"), Ist);
        using (var worker0 = first.StartNode())
        using (var worker1 = first.StartNode())
        using (var driver = first.StartDriver())
            Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        var resumed = new LoopbackCluster(temp.File("resumed"), [.. Ist, "run.epochs=2"]);
        using var fresh0 = resumed.StartNode();
        using var fresh1 = resumed.StartNode();
        using var resuming = resumed.StartResumingDriver(first.RunDirectory());
        Assert.True(await resuming.ExitCodeAsync(RunTimeout) == 0, resuming.Output + fresh0.Output + fresh1.Output);
        Assert.Contains("Resuming ist training", resuming.Output);
        StageFiles.AssertIdentical(uninterrupted.FinalCheckpoint(), resumed.FinalCheckpoint());
    }

    [TrainingFact]
    public async Task Clustered_ist_with_more_subnets_than_workers_is_refused_with_exit_2_naming_both_keys()
    {
        using var temp = new TempDirectory();
        using var driver = new LoopbackCluster(temp.Path).StartDriver("run.mode=ist", "ist.workers=3");
        Assert.Equal(2, await driver.ExitCodeAsync(RunTimeout));
        Assert.Contains("ist.workers (3) must equal cluster.workers (2)", driver.Stderr);
    }

    /// <summary>32 rounds of two local steps on a 16,384-sample slice: time enough to signal or kill a process mid-epoch.</summary>
    private static async Task<(LoopbackCluster Cluster, CliProcess Worker0, CliProcess Worker1, CliProcess Driver)> StartMidEpochAsync(string outputDir)
    {
        var cluster = new LoopbackCluster(outputDir, [.. Ist, "data.train-limit=16384"]);
        var (worker0, worker1, driver) = (cluster.StartNode(), cluster.StartNode(), cluster.StartDriver());
        await driver.WaitForAsync("local steps per round", RunTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2));
        return (cluster, worker0, worker1, driver);
    }

    [TrainingFact]
    public async Task SIGTERM_to_the_driver_of_clustered_ist_ends_the_round_writes_the_servers_checkpoint_and_exits_143()
    {
        using var temp = new TempDirectory();
        var (cluster, worker0, worker1, driver) = await StartMidEpochAsync(temp.Path);
        using (worker0)
        using (worker1)
        using (driver)
        {
            driver.Terminate();
            Assert.True(await driver.ExitCodeAsync(TimeSpan.FromSeconds(60)) == 143, driver.Output);
            Assert.Contains("Interrupted after step", driver.Stdout);
            Assert.InRange(Training.Checkpoints.CheckpointManifest.Read(cluster.FinalCheckpoint()).Step, 1, 31);
            Assert.Equal(0, await worker0.ExitCodeAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(0, await worker1.ExitCodeAsync(TimeSpan.FromSeconds(20)));
        }
    }

    [TrainingFact]
    public async Task Killing_a_subnet_worker_mid_epoch_makes_the_driver_exit_1_naming_it()
    {
        using var temp = new TempDirectory();
        var (_, worker0, worker1, driver) = await StartMidEpochAsync(temp.Path);
        using (worker0)
        using (worker1)
        using (driver)
        {
            worker1.KillHard();
            Assert.True(await driver.ExitCodeAsync(TimeSpan.FromSeconds(60)) == 1, driver.Output);
            Assert.Contains($"pid {worker1.Pid}", driver.Stderr);
            Assert.NotEqual(0, await worker0.ExitCodeAsync(TimeSpan.FromSeconds(30)));
        }
    }
}
