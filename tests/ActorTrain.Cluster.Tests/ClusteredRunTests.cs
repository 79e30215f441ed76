using ActorTrain.Training.Checkpoints;
using System.Diagnostics;

namespace ActorTrain.Cluster.Tests;

/// <summary>Real `actortrain node` and `actortrain train` processes on loopback. One at a time: they share two cores.</summary>
[Collection(nameof(ClusterModeProcesses))]
public sealed class ClusteredRunTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [TrainingFact]
    public Task Two_worker_processes_end_with_the_weights_and_test_accuracy_of_the_same_run_in_one_process() =>
        AssertClusterEqualsOneProcess("sync");

    [TrainingFact]
    public Task Async_on_two_worker_processes_ends_with_the_weights_and_test_accuracy_of_the_same_run_in_one_process() =>
        AssertClusterEqualsOneProcess("async", "run.mode=async");

    /// <summary>
    /// Two replicas, each on its own worker process reading its share of the global batch from its own data, their
    /// gradients summed by a Gloo all-reduce: the same weights and optimizer state as the one-process coordinator's sum
    /// (with two replicas both sums are a + b per element, and float addition is commutative).
    /// </summary>
    [TrainingFact]
    public Task Dp_on_two_worker_processes_ends_with_the_weights_and_test_accuracy_of_dp_in_one_process() =>
        AssertClusterEqualsOneProcess("dp", "run.mode=dp", "dp.replicas=2");

    /// <summary>
    /// The same configuration (plus <paramref name="sets"/>) in one process and on two workers: both trained in
    /// <paramref name="mode"/>, same accuracy, same stage files bit for bit.
    /// </summary>
    internal static async Task AssertClusterEqualsOneProcess(string mode, params string[] sets)
    {
        using var temp = new TempDirectory();
        var runs = await OneProcessAndCluster.RunAsync(temp, RunTimeout, sets);
        Assert.Equal(runs.LocalAccuracy, runs.ClusterAccuracy);
        Assert.Equal(mode, CheckpointManifest.Read(runs.Cluster.FinalCheckpoint()).Mode);
        StageFiles.AssertIdentical(runs.Local.FinalCheckpoint(), runs.Cluster.FinalCheckpoint());
    }

    /// <summary>
    /// Loopback stands in for three machines: the driver on 127.0.0.1, each worker on an address of its own (any
    /// 127.x.y.z is this machine's), with cluster.bind-hostname set for that worker alone.
    /// </summary>
    [TrainingFact]
    public async Task Workers_bound_to_addresses_of_their_own_train_with_a_driver_on_another()
    {
        using var temp = new TempDirectory();
        var cluster = new LoopbackCluster(temp.Path, "data.train-limit=512");
        using var worker0 = cluster.StartNode("cluster.bind-hostname=127.0.0.2");
        using var worker1 = cluster.StartNode("cluster.bind-hostname=127.0.0.3");
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);
        Assert.Contains("actortrain@127.0.0.2:", driver.Output);
        Assert.Contains("actortrain@127.0.0.3:", driver.Output);
        Assert.Equal(0, await worker0.ExitCodeAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, await worker1.ExitCodeAsync(TimeSpan.FromSeconds(20)));
    }

    [TrainingFact]
    public async Task Clustered_dp_with_more_replicas_than_workers_is_refused_with_exit_2_before_anyone_joins()
    {
        using var temp = new TempDirectory();
        using var driver = new LoopbackCluster(temp.Path).StartDriver("run.mode=dp", "dp.replicas=3");
        Assert.Equal(2, await driver.ExitCodeAsync(RunTimeout));
        Assert.Contains("dp.replicas (3) must equal cluster.workers (2)", driver.Stderr);
    }

    [TrainingFact]
    public async Task Driver_exits_1_naming_who_joined_when_too_few_workers_join_in_time()
    {
        using var temp = new TempDirectory();
        // Long enough for one worker to start and join on a loaded 2-core machine; the second never comes.
        var cluster = new LoopbackCluster(temp.Path, "cluster.join-timeout=15 s");
        using var worker = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.Equal(1, await driver.ExitCodeAsync(RunTimeout));
        Assert.Contains("1 of 2 worker(s) joined", driver.Stderr);
        Assert.Contains($"pid {worker.Pid}", driver.Stderr);
        // The worker does not outlive its driver.
        Assert.NotEqual(0, await worker.ExitCodeAsync(TimeSpan.FromSeconds(20)));
    }

    [TrainingFact]
    public async Task A_worker_with_another_configuration_is_refused_with_exit_2_naming_the_keys()
    {
        using var temp = new TempDirectory();
        var cluster = new LoopbackCluster(temp.Path, "cluster.workers=1");
        using var worker = cluster.StartNode("optimizer.lr=0.03");
        using var driver = cluster.StartDriver();
        Assert.Equal(2, await driver.ExitCodeAsync(RunTimeout));
        Assert.Contains($"pid {worker.Pid}", driver.Stderr);
        Assert.Contains("optimizer.lr: driver 0.02, worker 0.03", driver.Stderr);
        Assert.Equal(2, await worker.ExitCodeAsync(TimeSpan.FromSeconds(20)));
    }

    [TrainingFact]
    public async Task Killing_a_worker_mid_epoch_makes_the_driver_exit_1_within_15_s_naming_it()
    {
        using var temp = new TempDirectory();
        using var run = await MidEpochCluster.StartAsync(temp.Path, RunTimeout);

        var clock = Stopwatch.StartNew();
        run.Worker1.KillHard();
        var code = await run.Driver.ExitCodeAsync(TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the driver took {clock.Elapsed.TotalSeconds:F1} s.\n{run.Driver.Output}");
        Assert.True(code == 1, run.Driver.Output);
        Assert.Contains($"lost worker", run.Driver.Stderr);
        Assert.Contains($"pid {run.Worker1.Pid}", run.Driver.Stderr);
        Assert.NotEqual(0, await run.Worker0.ExitCodeAsync(TimeSpan.FromSeconds(20)));
    }

    [TrainingFact]
    public async Task SIGTERM_to_the_driver_drains_the_run_to_a_checkpoint_stops_the_workers_and_exits_143()
    {
        using var temp = new TempDirectory();
        using var run = await MidEpochCluster.StartAsync(temp.Path, RunTimeout);

        run.Driver.Terminate();
        Assert.True(await run.Driver.ExitCodeAsync(TimeSpan.FromSeconds(60)) == 143, run.Driver.Output);
        Assert.Contains("Interrupted after step", run.Driver.Stdout);
        Assert.Contains("--resume", run.Driver.Stdout);
        // Committed (the manifest reads back) and short of the epoch's 128 steps.
        Assert.InRange(CheckpointManifest.Read(run.Cluster.FinalCheckpoint()).Step, 1, 127);
        Assert.Equal(0, await run.Worker0.ExitCodeAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, await run.Worker1.ExitCodeAsync(TimeSpan.FromSeconds(20)));
    }
}
