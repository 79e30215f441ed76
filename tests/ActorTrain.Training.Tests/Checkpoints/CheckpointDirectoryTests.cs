using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Training.Tests.Checkpoints;

public sealed class CheckpointDirectoryTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("actortrain-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_run, recursive: true);

    private string Save(long step, bool complete = true)
    {
        var dir = CheckpointDirectory.ForStep(_run, step);
        Directory.CreateDirectory(dir);
        if (complete)
            new CheckpointManifest(CheckpointManifest.CurrentFormat, step, 0, (int)step, "sync", 1, "mlp6", [3, 3], ["stage-0.safetensors"], DateTimeOffset.UnixEpoch).Write(dir);
        return dir;
    }

    [Fact]
    public void Resume_from_a_run_directory_picks_the_newest_complete_checkpoint()
    {
        Save(10);
        var newest = Save(20);
        Save(30, complete: false);

        Assert.Equal(newest, CheckpointDirectory.Resolve(_run));
    }

    [Fact]
    public void Manifest_round_trips()
    {
        var dir = Save(42);

        var manifest = CheckpointManifest.Read(dir);

        Assert.Equal(42, manifest.Step);
        Assert.Equal([3, 3], manifest.Balance);
    }

    [Fact]
    public void Resume_from_a_directory_without_a_checkpoint_says_what_is_missing()
    {
        var e = Assert.Throws<CheckpointException>(() => CheckpointDirectory.Resolve(_run));

        Assert.Contains("no complete checkpoint", e.Message);
    }

    [Fact]
    public void Pruning_keeps_the_newest_complete_checkpoints_it_is_asked_to_keep()
    {
        Save(10);
        Save(15, complete: false);
        Save(20);
        Save(30);

        CheckpointDirectory.Prune(_run, keep: 2);

        var left = Directory.GetDirectories(Path.Combine(_run, "checkpoints")).Select(Path.GetFileName).Order();
        Assert.Equal(["step-000020", "step-000030"], left);
    }
}
