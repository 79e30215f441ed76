using System.Text.RegularExpressions;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// Message faults on the Gloo links between worker processes: the link protocol (generation, sequence, CRC-32C,
/// acknowledgements and resend requests carried over Gloo) heals each one, so the weights are those of a clean run.
/// </summary>
[Collection(nameof(ClusterProcesses))]
public sealed class ClusteredLinkFaultTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>One of each message fault, on the activation link 0->1 and the gradient link 1->0 (8 steps of 4 micro-batches).</summary>
    private const string Plan = """
        faults.plan=[
          { kind = drop, link = "0->1", step = 2, micro-batch = 1 },
          { kind = drop, link = "1->0", step = 3, micro-batch = 3 },
          { kind = delay, link = "1->0", step = 4, micro-batch = 0, duration = 30ms },
          { kind = duplicate, link = "0->1", step = 5 },
          { kind = reorder, link = "0->1", step = 6, micro-batch = 0 },
          { kind = corrupt, link = "1->0", step = 6, micro-batch = 2 },
          { kind = corrupt, link = "0->1", step = 7, micro-batch = 1 }
        ]
        """;

    [TrainingFact]
    public async Task Message_faults_between_worker_processes_heal_and_the_weights_equal_the_same_run_without_faults_in_one_process()
    {
        using var temp = new TempDirectory();
        var local = new LoopbackCluster(temp.File("local"), "links.resend-timeout=50ms");
        using (var oneProcess = CliProcess.Start(local.Args("train", "cluster.enabled=off")))
            Assert.True(await oneProcess.ExitCodeAsync(RunTimeout) == 0, oneProcess.Output);

        var cluster = new LoopbackCluster(temp.File("cluster"), "links.resend-timeout=50ms", Plan.ReplaceLineEndings(" "));
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);
        Assert.Equal(0, await worker0.ExitCodeAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, await worker1.ExitCodeAsync(TimeSpan.FromSeconds(20)));

        // Each worker injects on the links it sends on; the driver sums what the protocol did on both.
        var workers = worker0.Output + worker1.Output;
        Assert.Matches(@"Injected 3 message fault\(s\)", workers);
        Assert.Matches(@"Injected 7 message fault\(s\)", workers);
        var healed = Regex.Match(driver.Output, "Link protocol healed the workers' links: (.*)");
        Assert.True(healed.Success, driver.Output);
        Assert.Contains("ChecksumMismatch 2", healed.Groups[1].Value);
        Assert.Contains("Duplicate", healed.Groups[1].Value);
        // A lost frame comes back on the receiver's request (a gap) or on the sender's timeout, whichever comes first:
        // on a loaded machine the timeout often does.
        Assert.Matches(@"Resent(OnRequest|OnTimeout) \d+", healed.Groups[1].Value);
        StageFiles.AssertIdentical(local.FinalCheckpoint(), cluster.FinalCheckpoint());
    }
}
