using System.Text.RegularExpressions;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// Node faults injected by the driver into real `actortrain node` processes on loopback, and the run going on without
/// stopping: a lost worker's stages are placed on a spare or the survivor and the run replays from its last committed
/// checkpoint, ending with the weights of the run without the fault.
/// </summary>
[Collection(nameof(ClusterProcesses))]
public sealed class NodeFaultRecoveryTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    // 32 steps with a checkpoint every 8: the kill at step 12 rolls back to the checkpoint at step 8.
    private static readonly string[] Sets = ["data.train-limit=4096", "run.checkpoint-every=8"];

    private static readonly string[] Faulted =
    [
        .. Sets, "recovery.on-node-loss=re-place", "faults.plan=[{ kind = kill-node, stage = 1, step = 12 }]",
    ];

    [TrainingFact]
    public async Task A_killed_worker_is_replaced_by_a_spare_and_the_run_ends_with_the_weights_of_the_run_without_the_fault()
    {
        using var temp = new TempDirectory();
        var baseline = await OneProcessBaselineAsync(temp);

        var cluster = new LoopbackCluster(temp.File("faulted"), Faulted);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var spare = cluster.StartNode();
        using var driver = cluster.StartDriver();
        var everyone = () => driver.Output + worker0.Output + worker1.Output + spare.Output;
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, everyone());
        Assert.Contains("joined as a spare", driver.Output);
        Assert.Contains("takes the lost stage(s) 1", driver.Output);
        AssertRecovered(driver.Stdout);
        StageFiles.AssertIdentical(baseline, cluster.FinalCheckpoint());
        // The killed worker's process died by SIGKILL; the other two served to the end.
        var exits = new[] { await worker0.ExitCodeAsync(RunTimeout), await worker1.ExitCodeAsync(RunTimeout), await spare.ExitCodeAsync(RunTimeout) };
        Assert.Equal(2, exits.Count(c => c == 0));
        Assert.Single(exits, c => c == 137);
    }

    [TrainingTheory]
    [InlineData("sync")]
    [InlineData("async")]
    public async Task Without_a_spare_the_lost_stage_is_co_located_on_the_survivor_with_identical_weights(string mode)
    {
        using var temp = new TempDirectory();
        var baseline = await OneProcessBaselineAsync(temp, $"run.mode={mode}");

        var cluster = new LoopbackCluster(temp.File("faulted"), [.. Faulted, "recovery.spare-wait=1s", $"run.mode={mode}"]);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);
        Assert.Contains("co-locating the lost stage(s) on the survivors", driver.Output);
        Assert.Matches(@"Re-placing under generation 1 \(\S+/generation-1\) from checkpoint \S+step-000008: worker 0 at \S+ \(pid \d+\) with stage\(s\) 0, 1", driver.Output);
        AssertRecovered(driver.Stdout);
        StageFiles.AssertIdentical(baseline, cluster.FinalCheckpoint());
    }

    /// <summary>leave-node: the worker leaves the cluster as on SIGTERM (exit 0); its stage goes to the survivor.</summary>
    [TrainingFact]
    public async Task A_worker_that_leaves_gracefully_has_its_stage_co_located_with_identical_weights()
    {
        using var temp = new TempDirectory();
        var baseline = await OneProcessBaselineAsync(temp);

        var cluster = new LoopbackCluster(temp.File("faulted"),
            [.. Sets, "recovery.on-node-loss=re-place", "recovery.spare-wait=1s", "faults.plan=[{ kind = leave-node, stage = 1, step = 12 }]"]);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);
        Assert.Matches(@"Lost worker 1 .* it (is leaving the cluster|left the cluster|stopped \(remote death watch\))", driver.Output);
        AssertRecovered(driver.Stdout);
        StageFiles.AssertIdentical(baseline, cluster.FinalCheckpoint());
        Assert.Equal(0, await worker0.ExitCodeAsync(RunTimeout));
        Assert.Equal(0, await worker1.ExitCodeAsync(RunTimeout));
    }

    [TrainingFact]
    public async Task Workers_exit_by_themselves_when_the_driver_is_killed()
    {
        using var temp = new TempDirectory();
        using var run = await MidEpochCluster.StartAsync(temp.Path, RunTimeout);

        run.Driver.KillHard();
        // No orphans: each worker notices its driver is gone (unreachable) and exits 1 on its own.
        Assert.Equal(1, await run.Worker0.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, await run.Worker1.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("the driver became unreachable before the run ended", run.Worker0.Stderr);
    }

    [TrainingFact]
    public async Task A_kill_node_fault_in_a_one_process_run_is_refused_with_exit_2_naming_the_key()
    {
        using var temp = new TempDirectory();
        using var train = CliProcess.Start(new LoopbackCluster(temp.File("out"), Faulted).Args("train", "cluster.enabled=off"));
        Assert.True(await train.ExitCodeAsync(RunTimeout) == 2, train.Output);
        Assert.Contains("actortrain.faults.plan: kill-node acts on a worker process of a clustered run", train.Stderr);
        // Refused before anything is created.
        Assert.False(Directory.Exists(temp.File("out")));
    }

    /// <summary>The same configuration without the fault, in one process (clustered sync ends bit-identical to it).</summary>
    private static async Task<string> OneProcessBaselineAsync(TempDirectory temp, params string[] sets)
    {
        var baseline = new LoopbackCluster(temp.File("baseline"), [.. Sets, .. sets]);
        using var oneProcess = CliProcess.Start(baseline.Args("train", "cluster.enabled=off"));
        Assert.True(await oneProcess.ExitCodeAsync(RunTimeout) == 0, oneProcess.Output);
        return baseline.FinalCheckpoint();
    }

    /// <summary>The summary line: detected by a Gloo error or Akka, rolled back to the checkpoint at step 8, replayed the steps up to the kill.</summary>
    private static void AssertRecovered(string stdout)
    {
        var line = Regex.Match(stdout, "Node fault recovery: .*");
        Assert.True(line.Success, stdout);
        Assert.Contains("after the injected fault", line.Value);
        Assert.Contains("rolled back to step 8 (checkpoint", line.Value);
        Assert.Matches(@"steps replayed [1-9]\d*; time lost \d+\.\d+ s", line.Value);
    }
}
