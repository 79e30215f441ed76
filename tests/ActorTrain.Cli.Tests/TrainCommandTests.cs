using ActorTrain.Profiling;
using ActorTrain.Training.Checkpoints;

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

    [TrainingFact]
    public void A_mode_plan_hands_the_model_from_ist_to_dp_to_sync_and_dp_resumes_the_run()
    {
        string[] istMlp = ["--set", "model.preset=ist-mlp", "--set", "pipeline.partition=parameters", "--set", "ist.local-steps=4"];

        var code = Train([.. istMlp, "--set", "mode-plan=[{mode=ist,epochs=1},{mode=dp,epochs=1},{mode=sync,epochs=1}]"]);

        Assert.Equal(0, code);
        var run = Assert.Single(Directory.GetDirectories(_dir, "local-sync-*"));
        var planned = CheckpointManifest.Read(CheckpointDirectory.Resolve(run));
        Assert.Equal(("sync", 3, 2), (planned.Mode, planned.Epoch, planned.Balance.Length));

        Assert.Equal(0, Train([.. istMlp, "--set", "run.mode=dp", "--set", "run.epochs=4", "--resume", run]));

        var resumed = CheckpointManifest.Read(CheckpointDirectory.Resolve(
            Directory.GetDirectories(_dir, "local-sync-*").Single(d => d != run)));
        Assert.Equal(("dp", 4, planned.Step + 8), (resumed.Mode, resumed.Epoch, resumed.Step));
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
