using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cli.Tests.Commands;

/// <summary>
/// `train --resume` of one <see cref="ResumableRun"/>, in the real program: whatever would not continue the checkpoint
/// faithfully exits 2, names the key and creates no run directory.
/// </summary>
[Collection(nameof(InProcessCommands))]
public sealed class ResumeTests(ResumableRun trained) : IClassFixture<ResumableRun>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actortrain-cli-resume-").FullName;
    private int _attempts;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Run => trained.Directory;

    private string MidEpoch => CheckpointDirectory.ForStep(Run, 2);

    private string Final => CheckpointDirectory.ForStep(Run, 4);

    /// <summary>Resumes into a fresh output directory; returns the result and that directory.</summary>
    private (ActortrainProcess.Result Result, string Output) Resume(string checkpoint, params string[] extra)
    {
        var output = Path.Combine(_dir, $"attempt-{++_attempts}");
        return (ActortrainProcess.Run(ResumableRun.Args(output, [.. extra, "--resume", checkpoint])), output);
    }

    private static void AssertRefusedBeforeWork(ActortrainProcess.Result result, string output, params string[] named)
    {
        Assert.True(result.Code == 2, $"exit {result.Code}: {result.Err}");
        foreach (var text in named) Assert.Contains(text, result.Err);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "a run directory was created");
    }

    [TrainingFact]
    public void More_stages_than_the_checkpoint_cut_is_refused_naming_the_key_and_the_recut_option()
    {
        var (result, output) = Resume(MidEpoch, "--set", "pipeline.stages=3");

        AssertRefusedBeforeWork(result, output, "pipeline.stages: checkpoint 2, asked 3", "pipeline.recut-on-resume = on");
    }

    [TrainingFact]
    public void A_recut_on_resume_trains_the_asked_stages()
    {
        var (result, output) = Resume(Final, "--set", "pipeline.stages=3", "--set", "pipeline.recut-on-resume=on", "--set", "run.epochs=2");

        Assert.True(result.Code == 0, result.Err);
        var resumed = CheckpointManifest.Read(CheckpointDirectory.Resolve(Assert.Single(Directory.GetDirectories(output))));
        Assert.Equal(3, resumed.Balance.Length);
    }

    [TrainingFact]
    public void Another_batch_size_mid_epoch_is_refused_because_the_batch_index_would_change_meaning()
    {
        var (result, output) = Resume(MidEpoch, "--set", "data.batch-size=64");

        AssertRefusedBeforeWork(result, output, "data.batch-size: checkpoint 128, asked 64", "data.batch-size = 128");
    }

    [TrainingFact]
    public void A_custom_model_with_another_activation_is_refused()
    {
        var (result, output) = Resume(MidEpoch, "--set", ResumableRun.Layers.Replace("\"relu\", \"linear 32\"", "\"tanh\", \"linear 32\"", StringComparison.Ordinal));

        AssertRefusedBeforeWork(result, output, "model: checkpoint custom 784 -> [linear 64, relu,", "asked custom 784 -> [linear 64, tanh,");
    }

    [TrainingFact]
    public void Another_optimizer_is_refused_unless_its_state_is_reset()
    {
        var (refused, output) = Resume(Final, "--set", "optimizer.type=adam", "--set", "run.epochs=2");
        AssertRefusedBeforeWork(refused, output, "optimizer.type: checkpoint sgd, asked adam", "optimizer-state = reset");

        var (reset, _) = Resume(Final, "--set", "optimizer.type=adam", "--set", "mode-plan=[{mode=sync,epochs=2,optimizer-state=reset}]");
        Assert.True(reset.Code == 0, reset.Err);
    }

    [TrainingFact]
    public void A_checkpoint_missing_a_stage_file_is_refused_naming_the_file()
    {
        var damaged = CopyOf(Final);
        File.Delete(Path.Combine(damaged, CheckpointDirectory.StageFile(1)));

        var (result, output) = Resume(damaged);

        AssertRefusedBeforeWork(result, output, "stage-1.safetensors is missing");
    }

    [TrainingFact]
    public void A_checkpoint_with_a_flipped_byte_is_refused_naming_the_file()
    {
        var damaged = CopyOf(Final);
        var file = Path.Combine(damaged, CheckpointDirectory.StageFile(0));
        var bytes = File.ReadAllBytes(file);
        bytes[^100] ^= 0x40;
        File.WriteAllBytes(file, bytes);

        var (result, output) = Resume(damaged, "--set", "run.epochs=2");

        AssertRefusedBeforeWork(result, output, "stage-0.safetensors is damaged");
    }

    [TrainingFact]
    public void A_resume_past_the_last_epoch_trains_nothing_and_says_so()
    {
        var (result, output) = Resume(Run);

        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("Nothing to train", result.Out);
        Assert.DoesNotContain("Epoch 2", result.Out + result.Err);
        Assert.False(Directory.Exists(output));
    }

    [TrainingFact]
    public void A_manifest_from_before_recorded_settings_still_resumes_and_records_the_kept_cut()
    {
        var old = CopyOf(Final);
        var manifest = CheckpointManifest.Read(old) with { Recipe = null };
        manifest.Write(old);
        Assert.DoesNotContain("recipe\": {", File.ReadAllText(Path.Combine(old, CheckpointManifest.FileName)));

        var (result, output) = Resume(old, "--set", "run.epochs=2");

        Assert.True(result.Code == 0, result.Err);
        var run = Assert.Single(Directory.GetDirectories(output));
        Assert.Contains("predates recorded training settings", File.ReadAllText(Path.Combine(run, "train.log.jsonl")));
        Assert.Contains($"balance = [{string.Join(", ", manifest.Balance)}]", File.ReadAllText(Path.Combine(run, "config.conf")));
    }

    private string CopyOf(string checkpoint)
    {
        var copy = Path.Combine(_dir, "copy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(checkpoint)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }
}
