using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cli.Tests.Commands;

/// <summary>
/// Storage faults in the real `actortrain train` process (the <see cref="ResumableRun"/> configuration: 4 steps): a
/// checkpoint that fails or is cut short by the process dying never replaces the previous committed one, and --resume
/// continues from that one.
/// </summary>
public sealed class CheckpointFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actortrain-cli-storage-faults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (ActortrainProcess.Result Result, string Output) Train(string name, params string[] extra)
    {
        var output = Path.Combine(_dir, name);
        return (ActortrainProcess.Run(ResumableRun.Args(output, extra)), output);
    }

    [TrainingFact]
    public void A_kill_during_a_checkpoint_leaves_the_previous_one_committed_and_resume_from_the_run_finishes_from_it()
    {
        var (killed, output) = Train("killed", "--set", "run.checkpoint-every=2", "--set", "faults.plan=[{ kind = kill-during-checkpoint, step = 4 }]");

        Assert.True(killed.Code != 0, $"the process was to die, but exited 0: {killed.Out}");
        Assert.Contains("kill-during-checkpoint", killed.Err);
        var run = Assert.Single(Directory.GetDirectories(output));
        // The step-4 save got its stage files but no manifest: step 2 is still the committed checkpoint.
        Assert.True(File.Exists(Path.Combine(CheckpointDirectory.ForStep(run, 4), CheckpointDirectory.StageFile(0))));
        Assert.False(File.Exists(Path.Combine(CheckpointDirectory.ForStep(run, 4), CheckpointManifest.FileName)));
        Assert.Equal(CheckpointDirectory.ForStep(run, 2), CheckpointDirectory.Resolve(run));

        var (resumed, resumedOutput) = Train("resumed", "--resume", run);

        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.Contains("step-000002", resumed.Out + resumed.Err);
        var final = CheckpointManifest.Read(CheckpointDirectory.Resolve(Assert.Single(Directory.GetDirectories(resumedOutput))));
        Assert.Equal(4, final.Step);
    }

    [TrainingFact]
    public void A_failed_checkpoint_write_warns_trains_on_and_keeps_the_previous_checkpoint_intact()
    {
        var (result, output) = Train("warned", "--set", "run.checkpoint-every=1", "--set", "run.keep-checkpoints=5",
            "--set", "faults.plan=[{ kind = checkpoint-write-fail, step = 2 }]");

        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("Checkpoint at step 2 could not be written", result.Out + result.Err);
        var run = Assert.Single(Directory.GetDirectories(output));
        Assert.False(Directory.Exists(CheckpointDirectory.ForStep(run, 2)));
        var previous = CheckpointDirectory.ForStep(run, 1);
        CheckpointDirectory.Verify(previous, CheckpointManifest.Read(previous));
        // Training went on past the failure: later checkpoints were committed.
        Assert.Equal(CheckpointDirectory.ForStep(run, 4), CheckpointDirectory.Resolve(run));
    }

    [TrainingFact]
    public void A_failed_checkpoint_write_under_on_checkpoint_failure_stop_exits_1_and_the_previous_checkpoint_stays_resumable()
    {
        var (result, output) = Train("stopped", "--set", "run.checkpoint-every=1", "--set", "recovery.on-checkpoint-failure=stop",
            "--set", "faults.plan=[{ kind = checkpoint-write-fail, step = 2 }]");

        Assert.True(result.Code == 1, $"exit {result.Code}: {result.Err}");
        Assert.Contains("the checkpoint at step 2 could not be written", result.Err);
        var run = Assert.Single(Directory.GetDirectories(output));
        Assert.Equal(CheckpointDirectory.ForStep(run, 1), CheckpointDirectory.Resolve(run));
        Assert.False(Directory.Exists(CheckpointDirectory.ForStep(run, 3)));
    }
}
