using System.Text.RegularExpressions;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// A stage that stops answering on a real worker process (the `hang` fault) under recovery.on-node-loss = re-place: the
/// driver's watchdog sees it silent past its deadline, fences the worker (it SIGKILLs itself) and places its stage
/// again, and the run ends with the weights of the run without the fault.
/// </summary>
[Collection(nameof(ClusterProcesses))]
public sealed class ClusteredHangTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(150);

    // 32 steps with a checkpoint every 8: the hang at step 12 rolls back to the checkpoint at step 8.
    private static readonly string[] Sets = ["data.train-limit=4096", "run.checkpoint-every=8"];

    [TrainingFact]
    public async Task A_hung_stage_is_caught_by_the_watchdog_its_worker_fenced_and_the_run_ends_with_the_fault_free_weights()
    {
        using var temp = new TempDirectory();
        var baseline = new LoopbackCluster(temp.File("baseline"), Sets);
        await baseline.TrainInOneProcessAsync(RunTimeout);

        // The hang outlasts the run: only fencing gets the stage back.
        var cluster = new LoopbackCluster(temp.File("faulted"),
            [.. Sets, "recovery.on-node-loss=re-place", "recovery.spare-wait=1s", "faults.plan=[{ kind = hang, stage = 1, step = 12, duration = 300s }]"]);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);
        Assert.Matches(@"Lost worker 1 .* it stopped answering: watchdog \(stage 1 silent \d+ ms, deadline \d+ ms\), fenced with SIGKILL", driver.Output);
        var line = Regex.Match(driver.Stdout, "Node fault recovery: .*");
        Assert.True(line.Success, driver.Stdout);
        Assert.Contains("rolled back to step 8 (checkpoint", line.Value);
        Assert.Matches(@"\d+\.\d+ s after the injected fault", line.Value);
        StageFiles.AssertIdentical(baseline.FinalCheckpoint(), cluster.FinalCheckpoint());
        // The fenced worker died by its own SIGKILL; the survivor hosted both stages to the end.
        var exits = new[] { await worker0.ExitCodeAsync(TimeSpan.FromSeconds(20)), await worker1.ExitCodeAsync(TimeSpan.FromSeconds(20)) };
        Assert.Equal([0, 137], exits.Order());
    }
}
