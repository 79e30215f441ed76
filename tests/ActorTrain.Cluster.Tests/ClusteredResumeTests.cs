namespace ActorTrain.Cluster.Tests;

/// <summary>A clustered run's committed checkpoint resumed on workers that did not write it. Real processes on loopback.</summary>
[Collection(nameof(ClusterProcesses))]
public sealed class ClusteredResumeTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    // 64 steps with a checkpoint every 8: long enough to kill a worker between the first checkpoint and the end.
    private static readonly string[] Sets = ["data.train-limit=8192", "run.checkpoint-every=8"];

    [TrainingFact]
    public async Task A_run_that_lost_a_worker_resumes_on_two_fresh_workers_and_ends_with_the_weights_of_an_uninterrupted_run()
    {
        using var temp = new TempDirectory();
        var uninterrupted = new LoopbackCluster(temp.File("uninterrupted"), Sets);
        using (var oneProcess = CliProcess.Start(uninterrupted.Args("train", "cluster.enabled=off")))
            Assert.True(await oneProcess.ExitCodeAsync(RunTimeout) == 0, oneProcess.Output);

        var first = new LoopbackCluster(temp.File("first"), Sets);
        using (var worker0 = first.StartNode())
        using (var worker1 = first.StartNode())
        using (var driver = first.StartDriver())
        {
            await driver.WaitForAsync("Checkpoint at step 8 ", RunTimeout);
            worker1.KillHard();
            Assert.True(await driver.ExitCodeAsync(TimeSpan.FromSeconds(30)) == 1, driver.Output);
            Assert.DoesNotContain("Checkpoint at step 64 ", driver.Output);
        }

        var resumed = new LoopbackCluster(temp.File("resumed"), Sets);
        using var fresh0 = resumed.StartNode();
        using var fresh1 = resumed.StartNode();
        using var resuming = resumed.StartResumingDriver(first.RunDirectory());
        Assert.True(await resuming.ExitCodeAsync(RunTimeout) == 0, resuming.Output + fresh0.Output + fresh1.Output);
        Assert.Contains("Resuming", resuming.Output);
        StageFiles.AssertIdentical(uninterrupted.FinalCheckpoint(), resumed.FinalCheckpoint());
    }

    [TrainingFact]
    public async Task Clustered_dp_resumed_on_two_fresh_workers_for_a_second_epoch_ends_with_the_weights_of_two_epochs_of_dp_in_one_process()
    {
        using var temp = new TempDirectory();
        var uninterrupted = new LoopbackCluster(temp.File("uninterrupted"), "run.mode=dp", "run.epochs=2");
        using (var oneProcess = CliProcess.Start(uninterrupted.Args("train", "cluster.enabled=off")))
            Assert.True(await oneProcess.ExitCodeAsync(RunTimeout) == 0, oneProcess.Output);

        var first = new LoopbackCluster(temp.File("first"), "run.mode=dp");
        using (var worker0 = first.StartNode())
        using (var worker1 = first.StartNode())
        using (var driver = first.StartDriver())
            Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        var resumed = new LoopbackCluster(temp.File("resumed"), "run.mode=dp", "run.epochs=2");
        using var fresh0 = resumed.StartNode();
        using var fresh1 = resumed.StartNode();
        using var resuming = resumed.StartResumingDriver(first.RunDirectory());
        Assert.True(await resuming.ExitCodeAsync(RunTimeout) == 0, resuming.Output + fresh0.Output + fresh1.Output);
        Assert.Contains("Resuming dp training", resuming.Output);
        StageFiles.AssertIdentical(uninterrupted.FinalCheckpoint(), resumed.FinalCheckpoint());
    }
}
