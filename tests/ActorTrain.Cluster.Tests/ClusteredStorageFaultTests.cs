using System.Text.RegularExpressions;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// Storage faults in clustered runs on real worker processes: a checkpoint whose stage file cannot be written, and a
/// worker killed between writing its stage file and the driver's manifest. Either way the checkpoint before it stays the
/// committed one, with its manifest and stage files as the run without the fault wrote them.
/// </summary>
[Collection(nameof(ClusterProcesses))]
public sealed class ClusteredStorageFaultTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(150);

    // 32 steps with a checkpoint every 8, each kept: the fault hits the checkpoint at step 16, the one at step 8 stays.
    private static readonly string[] Sets = ["data.train-limit=4096", "run.checkpoint-every=8", "run.keep-checkpoints=10"];

    [TrainingFact]
    public async Task A_failed_checkpoint_write_keeps_the_previous_checkpoint_and_the_run_warns_and_goes_on_or_stops()
    {
        using var temp = new TempDirectory();
        var baseline = await OneProcessBaselineAsync(temp);

        var warned = new LoopbackCluster(temp.File("warn"), [.. Sets, "faults.plan=[{ kind = checkpoint-write-fail, step = 16 }]"]);
        using (var run = await RunAsync(warned))
        {
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Matches(@"Checkpoint at step 16 could not be written \(worker \d .*No space left on device.*\); training goes on and the committed checkpoint stays \S+step-000008", run.Driver.Output);
            Assert.False(Directory.Exists(Step(warned, 16)), "the uncommitted checkpoint was left behind");
            StageFiles.AssertIdentical(Path.Combine(baseline.RunDirectory(), "checkpoints", "step-000008"), Step(warned, 8));
            StageFiles.AssertIdentical(baseline.FinalCheckpoint(), warned.FinalCheckpoint());
        }

        var stopped = new LoopbackCluster(temp.File("stop"),
            [.. Sets, "recovery.on-checkpoint-failure=stop", "faults.plan=[{ kind = checkpoint-write-fail, step = 16 }]"]);
        using (var run = await RunAsync(stopped))
        {
            Assert.True(run.ExitCode == 1, run.Output);
            Assert.Matches(@"the checkpoint at step 16 could not be written .*The committed checkpoint is \S+step-000008", run.Driver.Stderr);
            Assert.Equal(Step(stopped, 8), stopped.FinalCheckpoint());
            StageFiles.AssertIdentical(Path.Combine(baseline.RunDirectory(), "checkpoints", "step-000008"), Step(stopped, 8));
        }
    }

    [TrainingFact]
    public async Task A_worker_killed_during_a_checkpoint_is_replaced_from_the_previous_checkpoint_or_stops_the_run_resumably()
    {
        using var temp = new TempDirectory();
        var baseline = await OneProcessBaselineAsync(temp);
        const string plan = "faults.plan=[{ kind = kill-during-checkpoint, step = 16 }]";

        var replaced = new LoopbackCluster(temp.File("re-place"), [.. Sets, "recovery.on-node-loss=re-place", "recovery.spare-wait=1s", plan]);
        using (var run = await RunAsync(replaced))
        {
            Assert.True(run.ExitCode == 0, run.Output);
            var line = Regex.Match(run.Driver.Stdout, "Node fault recovery: .*");
            Assert.True(line.Success, run.Driver.Stdout);
            Assert.Contains("after the injected fault", line.Value);
            Assert.Contains("rolled back to step 8 (checkpoint", line.Value);
            StageFiles.AssertIdentical(baseline.FinalCheckpoint(), replaced.FinalCheckpoint());
        }

        // Without re-place the run stops; the checkpoint at step 16 has stage files but no manifest, so --resume takes step 8.
        var stopped = new LoopbackCluster(temp.File("stop"), [.. Sets, plan]);
        using (var run = await RunAsync(stopped))
        {
            Assert.True(run.ExitCode == 1, run.Output);
            Assert.False(File.Exists(Path.Combine(Step(stopped, 16), "manifest.json")));
            StageFiles.AssertIdentical(Path.Combine(baseline.RunDirectory(), "checkpoints", "step-000008"), Step(stopped, 8));
        }
        var resumed = new LoopbackCluster(temp.File("resumed"), Sets);
        using var worker0 = resumed.StartNode();
        using var worker1 = resumed.StartNode();
        using var driver = resumed.StartResumingDriver(stopped.RunDirectory());
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);
        Assert.Contains("step-000008", driver.Output);
        StageFiles.AssertIdentical(baseline.FinalCheckpoint(), resumed.FinalCheckpoint());
    }

    private static string Step(LoopbackCluster cluster, long step) => Path.Combine(cluster.RunDirectory(), "checkpoints", $"step-{step:D6}");

    /// <summary>The same configuration without the fault, in one process (clustered sync ends bit-identical to it).</summary>
    private static async Task<LoopbackCluster> OneProcessBaselineAsync(TempDirectory temp)
    {
        var baseline = new LoopbackCluster(temp.File("baseline"), Sets);
        await baseline.TrainInOneProcessAsync(RunTimeout);
        return baseline;
    }

    /// <summary>A driver and two workers, run to the driver's end; the workers are killed if they outlive it.</summary>
    private static async Task<ClusterRun> RunAsync(LoopbackCluster cluster)
    {
        var run = new ClusterRun(cluster.StartNode(), cluster.StartNode(), cluster.StartDriver());
        run.ExitCode = await run.Driver.ExitCodeAsync(RunTimeout);
        return run;
    }

    private sealed class ClusterRun(CliProcess worker0, CliProcess worker1, CliProcess driver) : IDisposable
    {
        public CliProcess Driver => driver;

        public int ExitCode { get; set; }

        public string Output => driver.Output + worker0.Output + worker1.Output;

        public void Dispose()
        {
            driver.Dispose();
            worker0.Dispose();
            worker1.Dispose();
        }
    }
}
