using System.Text.RegularExpressions;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// Stage faults injected on real worker processes under recovery.on-node-loss = re-place: a stage that crashes or
/// turns out NaN is restarted with every other stage from the last committed checkpoint, in place, and the run ends
/// with the weights of the run without the fault; a failure that keeps coming back stops the run with exit 1.
/// </summary>
[Collection(nameof(ClusterProcesses))]
public sealed class ClusteredStageFaultTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    // 32 steps with a checkpoint every 8: a fault at step 12 rolls back to the checkpoint at step 8.
    private static readonly string[] Sets = ["data.train-limit=4096", "run.checkpoint-every=8", "recovery.on-node-loss=re-place"];

    [TrainingFact]
    public async Task A_crash_and_a_nan_on_a_worker_restart_every_stage_from_the_checkpoint_and_end_with_the_fault_free_weights()
    {
        using var temp = new TempDirectory();
        var baseline = new LoopbackCluster(temp.File("baseline"), Sets);
        using (var oneProcess = CliProcess.Start(baseline.Args("train", "cluster.enabled=off")))
            Assert.True(await oneProcess.ExitCodeAsync(RunTimeout) == 0, oneProcess.Output);

        foreach (var (name, fault, detected) in new[]
                 {
                     ("crash", "{ kind = crash, stage = 1, step = 12 }", "injected crash"),
                     ("nan", "{ kind = nan, stage = 0, step = 12 }", "not finite"),
                 })
        {
            var cluster = new LoopbackCluster(temp.File(name), [.. Sets, $"faults.plan=[{fault}]"]);
            using var worker0 = cluster.StartNode();
            using var worker1 = cluster.StartNode();
            using var driver = cluster.StartDriver();
            Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);
            Assert.Matches($"A stage of worker \\d .* failed at step 1[0-2]: .*{detected}", driver.Output);
            var line = Regex.Match(driver.Stdout, "Node fault recovery: .*");
            Assert.True(line.Success, driver.Stdout);
            Assert.Contains("rolled back to step 8 (checkpoint", line.Value);
            StageFiles.AssertIdentical(baseline.FinalCheckpoint(), cluster.FinalCheckpoint());
            Assert.Equal(0, await worker0.ExitCodeAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(0, await worker1.ExitCodeAsync(TimeSpan.FromSeconds(20)));
        }
    }

    [TrainingFact]
    public async Task A_crash_that_comes_back_on_every_restart_stops_the_run_with_exit_1_naming_the_budget()
    {
        using var temp = new TempDirectory();
        var cluster = new LoopbackCluster(temp.Path,
            [.. Sets, "recovery.max-restarts=1", "faults.plan=[{ kind = crash, stage = 1, step = 12, times = 10 }]"]);
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 1, driver.Output + worker0.Output + worker1.Output);
        Assert.Contains("not restarted: 1 restart(s) already made (recovery.max-restarts = 1)", driver.Stderr);
        Assert.Contains("injected crash", driver.Stderr);
    }
}
