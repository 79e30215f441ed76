using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// In-memory snapshots replicated to another worker (recovery.snapshot-every with on-node-loss = re-place), on real
/// `actortrain node` processes: with no disk checkpoint before the fault (32 steps, checkpoint-every = 0), a lost
/// worker or a crashed stage rolls back to a snapshot a few steps back, not to the run's start, and the run ends
/// with the weights of the run without the fault.
/// </summary>
[Collection(nameof(ClusterProcesses))]
public sealed class InMemorySnapshotRecoveryTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private static readonly string[] Sets = ["data.train-limit=4096", "run.checkpoint-every=0"];

    private static readonly string[] Snapshots = [.. Sets, "recovery.on-node-loss=re-place", "recovery.snapshot-every=4", "recovery.spare-wait=1s"];

    [TrainingFact]
    public async Task A_killed_workers_stage_restarts_on_the_survivor_from_its_replica_with_the_fault_free_weights()
    {
        using var temp = new TempDirectory();
        var baseline = await OneProcessBaselineAsync(temp);

        var cluster = new LoopbackCluster(temp.File("faulted"), [.. Snapshots, "faults.plan=[{ kind = kill-node, stage = 1, step = 14 }]"]);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        Assert.Contains("of every stage held", driver.Output);
        var rollback = AssertRolledBackToSnapshot(driver.Stdout, "stage 1 from its replica on worker 0; the others from their own copies");
        // The checkpoint would have meant the run's start: every step up to the kill again.
        Assert.InRange(rollback, 4, 14);
        // Worker numbers follow join order, not start order: the survivor is whichever process still runs.
        Assert.Contains("Restoring stage(s) 0, 1 from the in-memory snapshot", worker0.Output + worker1.Output);
        StageFiles.AssertIdentical(baseline, cluster.FinalCheckpoint());
    }

    /// <summary>
    /// Without flush the driver lets the pipeline drain before each snapshot step, as one process does, so the copies are
    /// one cut and the run keeps the one-process schedule. The cut is fixed (auto would time the blocks in each run).
    /// </summary>
    [TrainingFact]
    public async Task In_the_pipeline_without_flush_a_killed_worker_rolls_back_to_the_snapshot_with_the_fault_free_weights()
    {
        using var temp = new TempDirectory();
        string[] async = ["run.mode=async", "pipeline.partition=parameters", "recovery.snapshot-every=4"];
        var baseline = await OneProcessBaselineAsync(temp, async);

        var cluster = new LoopbackCluster(temp.File("faulted"), [.. Snapshots, .. async, "faults.plan=[{ kind = kill-node, stage = 1, step = 14 }]"]);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        Assert.InRange(AssertRolledBackToSnapshot(driver.Stdout, "stage 1 from its replica on worker 0; the others from their own copies"), 4, 14);
        StageFiles.AssertIdentical(baseline, cluster.FinalCheckpoint());
    }

    [TrainingFact]
    public async Task A_crashed_stage_restarts_every_stage_in_place_from_its_own_workers_snapshot_with_the_fault_free_weights()
    {
        using var temp = new TempDirectory();
        var baseline = await OneProcessBaselineAsync(temp);

        var cluster = new LoopbackCluster(temp.File("faulted"), [.. Snapshots, "faults.plan=[{ kind = crash, stage = 1, step = 14 }]"]);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        Assert.Matches(@"A stage of worker \d .* failed at step 1[2-4]: .*injected crash", driver.Output);
        Assert.InRange(AssertRolledBackToSnapshot(driver.Stdout, "every stage from its own worker's copy"), 4, 14);
        StageFiles.AssertIdentical(baseline, cluster.FinalCheckpoint());
    }

    /// <summary>Both workers killed at once: each stage's own copy and its replica are gone, so the spare starts from the disk checkpoint.</summary>
    [TrainingFact]
    public async Task When_both_copies_of_a_snapshot_are_lost_the_run_falls_back_to_the_last_committed_checkpoint()
    {
        using var temp = new TempDirectory();
        var baseline = await OneProcessBaselineAsync(temp);

        var cluster = new LoopbackCluster(temp.File("faulted"),
        [
            .. Snapshots, "run.checkpoint-every=8",
            "faults.plan=[{ kind = kill-node, stage = 0, step = 14 }, { kind = kill-node, stage = 1, step = 14 }]",
        ]);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var spare = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output + spare.Output);

        Assert.Contains("No in-memory snapshot newer than step 8 has a surviving copy of every stage: rolling back to checkpoint", driver.Output);
        var line = Regex.Match(driver.Stdout, "Node fault recovery: .*");
        Assert.True(line.Success, driver.Stdout);
        Assert.Contains("rolled back to step 8 (checkpoint", line.Value);
        StageFiles.AssertIdentical(baseline, cluster.FinalCheckpoint());
    }

    /// <summary>The summary line names the snapshot; returns the step rolled back to.</summary>
    private static long AssertRolledBackToSnapshot(string stdout, string sources)
    {
        var line = Regex.Match(stdout, @"Node fault recovery: .*rolled back to step (\d+) \(in-memory snapshot before step \1 \((.*)\)\); steps replayed (\d+)");
        Assert.True(line.Success, stdout);
        Assert.Equal(sources, line.Groups[2].Value);
        var step = long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(0, step % 4);
        return step;
    }

    private static async Task<string> OneProcessBaselineAsync(TempDirectory temp, params string[] sets)
    {
        var baseline = new LoopbackCluster(temp.File("baseline"), [.. Sets, .. sets]);
        await baseline.TrainInOneProcessAsync(RunTimeout);
        return baseline.FinalCheckpoint();
    }
}
