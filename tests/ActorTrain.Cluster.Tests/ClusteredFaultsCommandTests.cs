using System.Text.RegularExpressions;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// `actortrain faults` on a clustered configuration: the command is the cluster's driver for the faulted run (two
/// `actortrain node` workers join it as they join `train`), then trains the baseline in one process and prints a row per
/// fault the driver injected and whether the weights are identical.
/// </summary>
[Collection(nameof(ClusterProcesses))]
public sealed class ClusteredFaultsCommandTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(180);

    [TrainingFact]
    public async Task The_faults_command_drives_a_clustered_run_and_reports_a_killed_node_a_crash_and_a_failed_checkpoint_with_identical_weights()
    {
        using var temp = new TempDirectory();
        var cluster = new LoopbackCluster(temp.Path, "data.train-limit=4096", "run.checkpoint-every=8", "recovery.on-node-loss=re-place",
            "recovery.spare-wait=1s",
            "faults.plan=[{ kind = kill-node, stage = 1, step = 12 }, { kind = crash, stage = 1, step = 20 }, { kind = checkpoint-write-fail, step = 24 }]");
        using var driver = CliProcess.Start(cluster.Args("faults"));
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        Assert.Matches(@"│ kill-node\s+│ node of stage 1\s+│ 12\s+│.*│ failed a Gloo call .*worker 1 \(pid \d+\) with stage\(s\) 1 lost; re-placed in \d+\.\d+ s\s+│ \d+ ms\s+│ rollback to step 8\s+│ [1-9]\d*\s+│ \d+ ms", driver.Stdout);
        Assert.Matches(@"│ checkpoint-write-fail\s+│ checkpoint\s+│ 24\s+│.*No space left on device.*│ warn, kept checkpoint of step 16", driver.Stdout);
        // The crash fires on the survivor, which hosts both stages by then; the driver restarts them from step 16.
        Assert.Matches(@"│ crash\s+│ stage 1\s+│ 20\s+│.*│ reported it \(actor supervision\): the stages of worker 0 .*injected crash.*│ \d+ ms\s+│ rollback to step 16\s+│", driver.Stdout);
        Assert.Contains("faults injected: 3, detected: 3", driver.Stdout);
        Assert.Matches("identical weights: yes", driver.Stdout);
        Assert.Matches(new Regex(@"Baseline \(no faults, one process\)"), driver.Stdout);
    }
}
