using ActorTrain.Profiling;

namespace ActorTrain.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actortrain-cli-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private int Train(params string[] extra) => CommandLine.Run(
    [
        "train", "--config", RepoPaths.Hocon("local-sync.conf"),
        "--set", $"run.output-dir={_dir}", "--set", "data.train-limit=1024", "--set", "data.test-limit=512", "--set", "run.epochs=1",
        .. extra,
    ]);

    [TrainingFact]
    public void Trains_a_slice_of_fashion_mnist_and_writes_a_consistent_profile()
    {
        var profile = Path.Combine(_dir, "profile");

        var code = Train("--profile", profile);

        Assert.Equal(0, code);
        var run = Assert.Single(Directory.GetDirectories(_dir, "local-sync-*"));
        Assert.True(File.Exists(Path.Combine(run, "config.conf")));
        Assert.True(File.Exists(Path.Combine(run, "train.log.jsonl")));
        var log = File.ReadAllText(Path.Combine(run, "train.log.jsonl"));
        Assert.Contains("\"Stage\":1", log);
        Assert.Contains("\"MicroBatch\":", log);
        Assert.Single(Directory.GetDirectories(Path.Combine(run, "checkpoints")));
        foreach (var file in new[] { Profiler.TraceFileName, Profiler.SummaryFileName, Profiler.ReportFileName })
            Assert.True(File.Exists(Path.Combine(profile, file)), $"{file} missing");
        Assert.Empty(TraceChecker.CheckFile(Path.Combine(profile, Profiler.TraceFileName)));
    }

    [TorchFact]
    public void A_misspelt_key_exits_with_code_2_before_training()
    {
        Assert.Equal(2, Train("--set", "pipeline.micro-batchs=8"));
        Assert.Empty(Directory.GetDirectories(_dir));
    }

    [TrainingFact]
    public void More_stages_than_weight_layers_exits_with_code_2()
    {
        Assert.Equal(2, Train("--set", "pipeline.partition=parameters", "--set", "pipeline.stages=9"));
    }

    [Fact]
    public void A_missing_config_file_exits_with_code_2()
    {
        Assert.Equal(2, CommandLine.Run(["train", "--config", Path.Combine(_dir, "nope.conf")]));
    }
}
