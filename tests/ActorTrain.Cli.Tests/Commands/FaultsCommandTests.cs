using System.Text.Json;

namespace ActorTrain.Cli.Tests.Commands;

/// <summary>
/// `actortrain faults` as a script sees it: one JSON document, every fault with its detection, identical weights; stage
/// faults rolled back.
/// </summary>
public sealed class FaultsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actortrain-cli-faults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [TrainingFact]
    public void The_local_drill_heals_every_fault_and_reports_identical_weights_as_json()
    {
        var result = ActortrainProcess.Run(
        [
            "faults", "--config", RepoPaths.Hocon("faults-local.conf"), "--json",
            "--set", $"run.output-dir={_dir}", "--set", "data.train-limit=6400", "--set", "data.test-limit=256",
            // A loaded machine stretches steps, and with them the watchdog's deadline: keep it at the floor, below the hang.
            "--set", "recovery.watchdog-multiple=1",
        ]);

        Assert.True(result.Code == 0, result.Err);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.True(doc.RootElement.GetProperty("identical-weights").GetBoolean());
        var faults = doc.RootElement.GetProperty("faults").EnumerateArray().ToList();
        static string Kind(JsonElement f) => f.GetProperty("kind").GetString()!;
        Assert.Equal(["corrupt", "crash", "delay", "drop", "duplicate", "hang", "nan", "reorder", "straggler"], faults.Select(Kind).Distinct().Order());
        // A delay may end before the next frame overtakes it, and a straggler stays within the deadline: nothing to heal.
        Assert.All(faults.Where(f => Kind(f) is not ("delay" or "straggler")), f => Assert.NotEqual("none", f.GetProperty("recovery").GetString()));
        Assert.All(faults.Where(f => Kind(f) is "crash" or "hang" or "nan"), f =>
        {
            Assert.StartsWith("rollback to step ", f.GetProperty("recovery").GetString());
            Assert.True(f.GetProperty("time-lost-ms").GetDouble() > 0);
        });
        Assert.Equal(doc.RootElement.GetProperty("baseline").GetProperty("weights-sha256").GetString(),
            doc.RootElement.GetProperty("faulted").GetProperty("weights-sha256").GetString());
    }

    /// <summary>
    /// The pipeline without flush cuts the model by measured block times (partition = auto): the command measures once
    /// and gives both runs that cut, then rolls a crash and a NaN back to a snapshot taken at a drained step.
    /// </summary>
    [TrainingFact]
    public void In_the_pipeline_without_flush_stage_faults_roll_back_and_both_runs_share_one_measured_cut()
    {
        var result = ActortrainProcess.Run(
        [
            "faults", "--config", RepoPaths.Hocon("faults-local.conf"), "--json",
            "--set", $"run.output-dir={_dir}", "--set", "data.train-limit=2560", "--set", "data.test-limit=256",
            "--set", "run.mode=async", "--set", "pipeline.partition=auto", "--set", "recovery.snapshot-every=4",
            "--plan", """[{ kind = crash, stage = 1, step = 9 }, { kind = nan, stage = 0, step = 14 }, { kind = drop, link = "0->1", step = 3 }]""",
        ]);

        Assert.True(result.Code == 0, result.Err + result.Out);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.True(doc.RootElement.GetProperty("identical-weights").GetBoolean());
        var recoveries = doc.RootElement.GetProperty("faults").EnumerateArray().Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("recovery").GetString())).ToList();
        Assert.Contains(recoveries, r => r.Item1 == "crash" && r.Item2!.StartsWith("rollback to step ", StringComparison.Ordinal));
        Assert.Contains(recoveries, r => r.Item1 == "nan" && r.Item2!.StartsWith("rollback to step ", StringComparison.Ordinal));
        var cuts = Directory.GetFiles(_dir, "manifest.json", SearchOption.AllDirectories)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("balance").ToString()).Distinct().ToList();
        Assert.Single(cuts);
    }

    [Fact]
    public void A_plan_naming_a_link_the_pipeline_lacks_is_refused_with_exit_2()
    {
        var result = ActortrainProcess.Run(["faults", "--config", RepoPaths.Hocon("faults-local.conf"), "--plan", """[{ kind = drop, link = "2->1", step = 2 }]"""]);

        Assert.Equal(2, result.Code);
        Assert.Contains("link 2->1", result.Err);
    }

    [Fact]
    public void A_stage_fault_without_recovery_is_refused_with_exit_2()
    {
        var result = ActortrainProcess.Run(["faults", "--config", RepoPaths.Hocon("faults-local.conf"), "--set", "recovery.snapshot-every=0"]);

        Assert.Equal(2, result.Code);
        Assert.Contains("recovery.snapshot-every > 0", result.Err);
        Assert.Contains("run.mode = sync or async", result.Err);
    }
}
