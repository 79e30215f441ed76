using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// Decoupled training and mode plans across real `actortrain node` processes on loopback, against the same
/// configuration in one process: one stage per worker, 8 steps an epoch on the data slice.
/// </summary>
[Collection(nameof(ClusterModeProcesses))]
public sealed class ClusteredDecoupledTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private const string CodeTables = "codes.safetensors";

    /// <summary>Both stages train at once on their own worker from indices and labels; test batches chain over Gloo.</summary>
    [TrainingFact]
    public async Task Decoupled_on_two_worker_processes_ends_with_the_stage_files_codes_and_test_accuracy_of_decoupled_in_one_process()
    {
        using var temp = new TempDirectory();
        var (local, cluster, localAccuracy, clusterAccuracy) = await OneProcessAndCluster.RunAsync(temp, RunTimeout, "run.mode=decoupled");
        Assert.Equal("decoupled", CheckpointManifest.Read(cluster.FinalCheckpoint()).Mode);
        StageFiles.AssertIdentical(local.FinalCheckpoint(), cluster.FinalCheckpoint());
        AssertSameBytes(CodeTables, local.FinalCheckpoint(), cluster.FinalCheckpoint());
        Assert.Equal(localAccuracy, clusterAccuracy);
    }

    /// <summary>The sequential variant sends each stage's real outputs to the next stage: across the workers, over Gloo.</summary>
    [TrainingFact]
    public async Task Sequential_decoupled_on_two_worker_processes_ends_with_the_stage_files_of_one_process()
    {
        using var temp = new TempDirectory();
        var (local, cluster, _, _) = await OneProcessAndCluster.RunAsync(temp, RunTimeout, "run.mode=decoupled", "decoupled.variant=sequential", "data.train-limit=512");
        StageFiles.AssertIdentical(local.FinalCheckpoint(), cluster.FinalCheckpoint());
    }

    /// <summary>Both stages on one worker: the sequential variant's outputs pass between them by reference, not over Gloo.</summary>
    [TrainingFact]
    public async Task Sequential_decoupled_stages_sharing_one_worker_end_with_the_stage_files_of_one_process()
    {
        using var temp = new TempDirectory();
        string[] sets = ["run.mode=decoupled", "decoupled.variant=sequential", "data.train-limit=512", "cluster.workers=1"];
        var local = new LoopbackCluster(temp.File("local"), sets);
        using (var oneProcess = CliProcess.Start(local.Args("train", "cluster.enabled=off")))
            Assert.True(await oneProcess.ExitCodeAsync(RunTimeout) == 0, oneProcess.Output);

        var cluster = new LoopbackCluster(temp.File("cluster"), sets);
        using var worker = cluster.StartNode();
        using var driver = cluster.StartDriver();
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker.Output);
        Assert.Contains("with stage(s) 0, 1", driver.Output);
        Assert.Contains("Worker 0 sent 0.0 MB over Gloo in 0 sends", driver.Stdout);
        StageFiles.AssertIdentical(local.FinalCheckpoint(), cluster.FinalCheckpoint());
    }

    /// <summary>
    /// hocon/decoupled.conf's plan, one epoch each: the sync entry is a second run generation on the same workers, which
    /// load the decoupled entry's committed checkpoint and reset the optimizer state as the plan says.
    /// </summary>
    [TrainingFact]
    public async Task A_decoupled_then_sync_mode_plan_on_two_worker_processes_ends_with_the_weights_of_the_plan_in_one_process()
    {
        using var temp = new TempDirectory();
        var (local, cluster, localAccuracy, clusterAccuracy) = await OneProcessAndCluster.RunAsync(temp, RunTimeout,
            "mode-plan=[{mode=decoupled, epochs=1, lr=0.1}, {mode=sync, epochs=1, optimizer-state=reset}]");
        var decoupledEntry = CheckpointDirectory.ForStep(cluster.RunDirectory(), 8);
        Assert.Equal("decoupled", CheckpointManifest.Read(decoupledEntry).Mode);
        StageFiles.AssertIdentical(CheckpointDirectory.ForStep(local.RunDirectory(), 8), decoupledEntry);
        Assert.Equal("sync", CheckpointManifest.Read(cluster.FinalCheckpoint()).Mode);
        Assert.EndsWith("step-000016", cluster.FinalCheckpoint());
        StageFiles.AssertIdentical(local.FinalCheckpoint(), cluster.FinalCheckpoint());
        Assert.Equal(localAccuracy, clusterAccuracy);
    }

    /// <summary>SIGTERM in a plan's first entry: its stages drain to a committed checkpoint, and no later entry starts.</summary>
    [TrainingFact]
    public async Task SIGTERM_to_the_driver_in_a_mode_plans_first_entry_drains_it_to_a_checkpoint_and_starts_no_later_entry()
    {
        using var temp = new TempDirectory();
        var cluster = new LoopbackCluster(temp.Path, "data.train-limit=16384",
            "mode-plan=[{mode=decoupled, epochs=1, lr=0.1}, {mode=sync, epochs=1, optimizer-state=reset}]");
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = cluster.StartDriver();
        await driver.WaitForAsync("training 1 epoch(s)", RunTimeout);
        await Task.Delay(TimeSpan.FromSeconds(1));

        driver.Terminate();
        Assert.True(await driver.ExitCodeAsync(TimeSpan.FromSeconds(60)) == 143, driver.Output);
        Assert.Contains("--resume", driver.Stdout);
        Assert.DoesNotContain("Switching from decoupled to sync", driver.Output);
        var checkpoint = CheckpointManifest.Read(cluster.FinalCheckpoint());
        Assert.Equal("decoupled", checkpoint.Mode);
        Assert.InRange(checkpoint.Step, 1, 127);
        Assert.Equal(0, await worker0.ExitCodeAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await worker1.ExitCodeAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>
    /// A clustered decoupled checkpoint continued for a second epoch on two workers that did not write it (they read the
    /// stage files and code tables themselves) ends as the same checkpoint continued in one process.
    /// </summary>
    [TrainingFact]
    public async Task A_clustered_decoupled_checkpoint_resumed_on_two_fresh_workers_ends_as_it_does_resumed_in_one_process()
    {
        using var temp = new TempDirectory();
        var first = new LoopbackCluster(temp.File("first"), "run.mode=decoupled");
        using (var worker0 = first.StartNode())
        using (var worker1 = first.StartNode())
        using (var driver = first.StartDriver())
            Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        var local = new LoopbackCluster(temp.File("local"), "run.mode=decoupled", "run.epochs=2");
        using (var oneProcess = CliProcess.Start([.. local.Args("train", "cluster.enabled=off"), "--resume", first.RunDirectory()]))
            Assert.True(await oneProcess.ExitCodeAsync(RunTimeout) == 0, oneProcess.Output);

        var resumed = new LoopbackCluster(temp.File("resumed"), "run.mode=decoupled", "run.epochs=2");
        using var fresh0 = resumed.StartNode();
        using var fresh1 = resumed.StartNode();
        using var resuming = resumed.StartResumingDriver(first.RunDirectory());
        Assert.True(await resuming.ExitCodeAsync(RunTimeout) == 0, resuming.Output + fresh0.Output + fresh1.Output);
        Assert.Contains("Resuming decoupled training", resuming.Output);
        Assert.EndsWith("step-000016", resumed.FinalCheckpoint());
        StageFiles.AssertIdentical(local.FinalCheckpoint(), resumed.FinalCheckpoint());
        AssertSameBytes(CodeTables, local.FinalCheckpoint(), resumed.FinalCheckpoint());
    }

    /// <summary>
    /// The policy on two workers: with a wait-share threshold of 0 any waiting in the sync epoch switches to decoupled,
    /// which needs the stages' wait times from the workers; both epochs then end as under the policy in one process.
    /// </summary>
    [TrainingFact]
    public async Task The_switching_policy_on_two_worker_processes_switches_as_in_one_process_and_ends_with_its_weights()
    {
        using var temp = new TempDirectory();
        var (local, cluster, localAccuracy, clusterAccuracy) = await OneProcessAndCluster.RunAsync(temp, RunTimeout, "policy.enabled=on", "policy.wait-share-threshold=0", "run.epochs=2",
            "data.train-limit=512");
        Assert.Equal("decoupled", CheckpointManifest.Read(local.FinalCheckpoint()).Mode);
        Assert.Equal("sync", CheckpointManifest.Read(CheckpointDirectory.ForStep(cluster.RunDirectory(), 4)).Mode);
        Assert.Equal("decoupled", CheckpointManifest.Read(cluster.FinalCheckpoint()).Mode);
        StageFiles.AssertIdentical(local.FinalCheckpoint(), cluster.FinalCheckpoint());
        AssertSameBytes(CodeTables, local.FinalCheckpoint(), cluster.FinalCheckpoint());
        Assert.Equal(localAccuracy, clusterAccuracy);
    }

    [TrainingFact]
    public async Task A_mode_plan_whose_dp_entry_needs_more_replicas_than_workers_is_refused_with_exit_2_naming_the_keys()
    {
        using var temp = new TempDirectory();
        using var driver = new LoopbackCluster(temp.Path).StartDriver("mode-plan=[{mode=sync, epochs=1}, {mode=dp, epochs=1}]", "dp.replicas=3");
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 2, driver.Output);
        Assert.Contains("dp.replicas (3) must equal cluster.workers (2)", driver.Stderr);
    }

    private static void AssertSameBytes(string file, string expected, string actual) =>
        Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))),
            $"{file} differs between {expected} and {actual}");
}
