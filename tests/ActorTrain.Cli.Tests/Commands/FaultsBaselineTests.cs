using System.Text.Json;
using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cli.Tests.Commands;

/// <summary>
/// `actortrain faults --baseline DIR` in the real program: the baseline's weights come from an earlier `train` of the
/// same configuration without faults, and a directory that holds no committed checkpoint, or one of another recipe, is
/// refused with exit 2 naming the file.
/// </summary>
public sealed class FaultsBaselineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actortrain-cli-faults-baseline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 640 samples of 128: five steps of mlp6, enough for a drop at step 2.
    private string[] Slice(string output) =>
        ["--config", RepoPaths.Hocon("faults-local.conf"), "--set", $"run.output-dir={output}", "--set", "data.train-limit=640", "--set", "data.test-limit=256"];

    private string TrainBaseline()
    {
        var output = Path.Combine(_dir, "baseline");
        var trained = ActortrainProcess.Run(["train", .. Slice(output), "--set", "faults.plan=[]"]);
        Assert.True(trained.Code == 0, trained.Err);
        return Assert.Single(Directory.GetDirectories(output));
    }

    private ActortrainProcess.Result Faults(string baseline, params string[] extra) =>
        ActortrainProcess.Run(["faults", .. Slice(Path.Combine(_dir, "faults")), "--plan", """[{ kind = drop, link = "0->1", step = 2 }]""",
            "--baseline", baseline, "--json", .. extra]);

    [TrainingFact]
    public void A_baseline_taken_from_an_earlier_run_is_not_trained_again_and_matches_the_faulted_run()
    {
        var baseline = TrainBaseline();

        var result = Faults(baseline);

        Assert.True(result.Code == 0, result.Err);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.True(doc.RootElement.GetProperty("identical-weights").GetBoolean());
        Assert.False(doc.RootElement.GetProperty("baseline").GetProperty("trained").GetBoolean());
        Assert.Equal(CheckpointDirectory.Resolve(baseline), doc.RootElement.GetProperty("baseline").GetProperty("run-directory").GetString());
        Assert.False(Directory.Exists(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(_dir, "faults"))), "baseline")));
    }

    [TrainingFact]
    public void A_baseline_of_another_seed_is_refused_with_exit_2_naming_its_manifest()
    {
        var baseline = TrainBaseline();

        var result = Faults(baseline, "--set", "run.seed=43");

        Assert.True(result.Code == 2, $"exit {result.Code}: {result.Err}");
        Assert.Contains(Path.Combine(CheckpointDirectory.Resolve(baseline), CheckpointManifest.FileName), result.Err);
        Assert.Contains("run.seed: baseline 42, asked 43", result.Err);
    }

    [TrainingFact]
    public void A_baseline_directory_without_a_committed_checkpoint_is_refused_with_exit_2_naming_it()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;

        var result = Faults(empty);

        Assert.True(result.Code == 2, $"exit {result.Code}: {result.Err}");
        Assert.Contains($"--baseline {empty}", result.Err);
        Assert.Contains("no complete checkpoint", result.Err);
    }
}
