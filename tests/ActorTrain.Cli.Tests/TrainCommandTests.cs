using System.Text.Json;
using ActorTrain.Profiling;
using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cli.Tests;

[Collection(nameof(InProcessCommands))]
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

    // ist-mlp: 784-2048-2048-10 without biases, 5,828,608 parameters of 4 bytes.
    private const long IstMlpBytes = 5_828_608L * sizeof(float);

    private JsonElement ProfiledMode(string mode, params string[] extra)
    {
        var profile = Path.Combine(_dir, "profile-" + mode);
        Assert.Equal(0, Train(["--set", $"run.mode={mode}", "--set", "model.preset=ist-mlp", "--profile", profile, .. extra]));
        Assert.Empty(TraceChecker.CheckFile(Path.Combine(profile, Profiler.TraceFileName)));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(profile, Profiler.SummaryFileName)));
        return Assert.Single(summary.RootElement.GetProperty("modes").EnumerateArray()).Clone();
    }

    [TrainingFact]
    public void An_ist_summary_reports_the_measured_weight_share_inside_the_predicted_range_and_the_slices_moved_per_round()
    {
        var mode = ProfiledMode("ist", "--set", "ist.workers=2", "--set", "ist.local-steps=4", "--set", "ist.optimizer-state=reset");

        var share = mode.GetProperty("weight-share-per-worker-per-round");
        var measured = share.GetProperty("measured-share").GetDouble();
        Assert.Equal((0.25, 0.5), (share.GetProperty("predicted-low-share").GetDouble(), share.GetProperty("predicted-high-share").GetDouble()));
        Assert.InRange(measured, 0.25, 0.5);
        // Each round both workers receive their slices and send them back: 2 x 2 x the share of the weights, plus
        // their batch-norm running statistics (a few kB).
        var perRound = mode.GetProperty("bytes-per-step").GetDouble();
        Assert.InRange(perRound / (2 * 2 * measured * IstMlpBytes), 1.0, 1.01);
    }

    [TrainingFact]
    public void A_dp_summary_counts_the_gradients_exchanged_both_ways_every_step()
    {
        var mode = ProfiledMode("dp", "--set", "dp.replicas=2");

        Assert.False(mode.TryGetProperty("weight-share-per-worker-per-round", out _));
        Assert.Equal(2 * 2 * IstMlpBytes, mode.GetProperty("bytes-per-step").GetDouble());
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

    [TrainingFact]
    public void A_plan_whose_later_entry_cannot_run_exits_with_code_2_before_training()
    {
        Assert.Equal(2, Train("--set", "model.preset=cnn-small", "--set", "mode-plan=[{mode=sync,epochs=1},{mode=ist,epochs=1}]"));
        Assert.Empty(Directory.GetDirectories(_dir));
    }

    [Fact]
    public void A_missing_config_file_exits_with_code_2()
    {
        Assert.Equal(2, CommandLine.Run(["train", "--config", Path.Combine(_dir, "nope.conf")]));
    }

    [TrainingFact]
    public void The_akka_section_sets_akkas_log_level_and_akkas_events_land_in_the_run_log_with_their_actor_path()
    {
        var quiet = ActortrainProcess.Run(Args(Path.Combine(_dir, "info")));
        var debug = ActortrainProcess.Run([.. Args(Path.Combine(_dir, "debug")), "--set", "akka.loglevel=DEBUG"]);

        Assert.True(quiet.Code == 0 && debug.Code == 0, quiet.Err + debug.Err);
        static string[] AkkaDebug(string root) => File.ReadLines(Path.Combine(Directory.GetDirectories(root).Single(), "train.log.jsonl"))
            .Where(l => l.Contains("\"Level\":\"Debug\"") && l.Contains("\"LogSource\"")).ToArray();
        Assert.Empty(AkkaDebug(Path.Combine(_dir, "info")));
        var events = AkkaDebug(Path.Combine(_dir, "debug"));
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Contains("\"ActorPath\":\"akka://actortrain", e));
    }

    [TrainingFact]
    public void A_setup_problem_found_when_a_mode_starts_exits_2_and_leaves_no_run_directory()
    {
        var output = Path.Combine(_dir, "setup");

        var result = ActortrainProcess.Run([.. Args(output), "--set", "run.mode=decoupled",
            "--set", "decoupled.min-code-distance=1000", "--set", "decoupled.max-redraws=3"]);

        Assert.Equal(2, result.Code);
        Assert.Contains("min-code-distance", result.Err);
        Assert.Empty(Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : []);
    }

    private static string[] Args(string outputDir) =>
    [
        "train", "--config", RepoPaths.Hocon("local-sync.conf"), "--set", $"run.output-dir={outputDir}",
        "--set", "data.train-limit=256", "--set", "data.test-limit=256", "--set", "run.epochs=1",
    ];
}
