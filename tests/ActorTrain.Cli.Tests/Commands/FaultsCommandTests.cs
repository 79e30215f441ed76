using System.Text.Json;

namespace ActorTrain.Cli.Tests.Commands;

/// <summary>`actortrain faults` as a script sees it: one JSON document, every fault with its detection, identical weights.</summary>
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
            "--set", $"run.output-dir={_dir}", "--set", "data.train-limit=1280", "--set", "data.test-limit=256",
        ]);

        Assert.True(result.Code == 0, result.Err);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.True(doc.RootElement.GetProperty("identical-weights").GetBoolean());
        var faults = doc.RootElement.GetProperty("faults").EnumerateArray().ToList();
        Assert.Equal(["corrupt", "delay", "drop", "duplicate", "reorder"],
            faults.Select(f => f.GetProperty("kind").GetString()!).Distinct().Order());
        // A delay may end before the next frame overtakes it: then nothing needed healing.
        Assert.All(faults.Where(f => f.GetProperty("kind").GetString() != "delay"), f => Assert.NotEqual("none", f.GetProperty("recovery").GetString()));
        Assert.Equal(doc.RootElement.GetProperty("baseline").GetProperty("weights-sha256").GetString(),
            doc.RootElement.GetProperty("faulted").GetProperty("weights-sha256").GetString());
    }

    [Fact]
    public void A_plan_naming_a_link_the_pipeline_lacks_is_refused_with_exit_2()
    {
        var result = ActortrainProcess.Run(["faults", "--config", RepoPaths.Hocon("faults-local.conf"), "--plan", """[{ kind = drop, link = "2->1", step = 2 }]"""]);

        Assert.Equal(2, result.Code);
        Assert.Contains("link 2->1", result.Err);
    }
}
