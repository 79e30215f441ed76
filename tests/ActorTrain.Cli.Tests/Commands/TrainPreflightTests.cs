using System.Buffers.Binary;
using ActorTrain.Cli.Training;

namespace ActorTrain.Cli.Tests.Commands;

/// <summary>Bad input to `train` exits 2 before anything is created; a redirected run prints lines scripts can read.</summary>
[Collection(nameof(InProcessCommands))]
public sealed class TrainPreflightTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actortrain-cli-preflight-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Output => Path.Combine(_dir, "runs");

    private string[] Args(params string[] extra) =>
    [
        "train", "--config", RepoPaths.Hocon("local-sync.conf"), "--set", $"run.output-dir={Output}",
        "--set", "data.train-limit=512", "--set", "data.test-limit=256", "--set", "run.epochs=1", .. extra,
    ];

    private void AssertRefusedBeforeWork(params string[] extra)
    {
        Assert.Equal(2, CommandLine.Run(Args(extra)));
        Assert.False(Directory.Exists(Output), "the output directory was created");
    }

    [TorchTheory]
    [InlineData("..")]
    [InlineData("../../x")]
    [InlineData("a/b")]
    [InlineData("/tmp/elsewhere")]
    public void A_run_name_that_is_not_one_plain_directory_name_is_refused(string name) =>
        AssertRefusedBeforeWork("--set", $"run.name=\"{name}\"");

    /// <summary>Between worker processes every kind of fault is injected: message, stage, node and storage faults.</summary>
    [TorchTheory]
    [InlineData("{kind=drop, link=\"0->1\", step=1}")]
    [InlineData("{kind=crash, stage=1, step=1}")]
    [InlineData("{kind=hang, stage=1, step=1, duration=1s}")]
    [InlineData("{kind=kill-node, stage=1, step=1}")]
    [InlineData("{kind=checkpoint-write-fail, step=2}")]
    [InlineData("{kind=kill-during-checkpoint, step=2}")]
    public void A_clustered_run_takes_message_stage_node_and_storage_faults(string entry) =>
        ModeDispatch.Check(ModeDispatch.Settings("cluster.enabled=on", $"faults.plan=[{entry}]"));

    [TorchTheory]
    [InlineData("run.mode=decoupled")]
    [InlineData("run.mode=dp")]
    [InlineData("mode-plan=[{mode=sync, epochs=1}, {mode=ist, epochs=1}]")]
    public void A_fault_plan_that_the_run_would_ignore_is_refused(string where)
    {
        const string plan = "faults.plan=[{kind=drop, link=\"0->1\", step=1}]";
        ModeDispatch.Check(ModeDispatch.Settings(plan));
        var e = Assert.Throws<UsageException>(() => ModeDispatch.Check(ModeDispatch.Settings(where, plan)));
        Assert.StartsWith("actortrain.faults.plan: faults are injected", e.Message);
        AssertRefusedBeforeWork("--set", where, "--set", plan);
    }

    [Fact]
    public void A_node_fault_is_taken_by_a_clustered_pipeline_and_refused_in_one_process_and_in_clustered_dp()
    {
        const string plan = "faults.plan=[{kind=kill-node, stage=1, step=5}]";
        ModeDispatch.Check(ModeDispatch.Settings("cluster.enabled=on", "pipeline.stages=2", plan));
        Assert.StartsWith("actortrain.faults.plan: kill-node acts on a worker process of a clustered run",
            Assert.Throws<UsageException>(() => ModeDispatch.Check(ModeDispatch.Settings("pipeline.stages=2", plan))).Message);
        Assert.StartsWith("actortrain.faults.plan: node faults are injected in clustered sync and async pipelines; dp",
            Assert.Throws<UsageException>(() => ModeDispatch.Check(ModeDispatch.Settings("cluster.enabled=on", "run.mode=dp", plan))).Message);
        Assert.Contains("the node hosting stage 1",
            Assert.Throws<UsageException>(() => ModeDispatch.Check(ModeDispatch.Settings("cluster.enabled=on", "pipeline.stages=1", plan))).Message);
    }

    [Fact]
    public void A_fault_plan_naming_a_link_the_pipeline_lacks_is_refused()
    {
        var e = Assert.Throws<UsageException>(() =>
            ModeDispatch.Check(ModeDispatch.Settings("pipeline.stages=2", "faults.plan=[{kind=drop, link=\"1->2\", step=1}]")));
        Assert.Contains("has no such link", e.Message);
    }

    [TorchFact]
    public void An_over_long_run_name_is_refused() => AssertRefusedBeforeWork("--set", $"run.name={new string('n', 240)}");

    [TorchFact]
    public void An_output_directory_that_cannot_be_created_is_refused_and_nothing_is_created()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");

        Assert.Equal(2, CommandLine.Run(Args("--set", $"run.output-dir={Path.Combine(file, "runs")}")));
        Assert.Equal([file], Directory.GetFileSystemEntries(_dir));
    }

    [TorchFact]
    public void A_profile_path_naming_an_existing_file_is_refused_before_training()
    {
        var file = Path.Combine(_dir, "profile");
        File.WriteAllText(file, "");

        AssertRefusedBeforeWork("--profile", file);
    }

    [TorchFact]
    public void A_profile_directory_holding_an_earlier_profile_is_refused_before_training()
    {
        var earlier = Directory.CreateDirectory(Path.Combine(_dir, "profile")).FullName;
        File.WriteAllText(Path.Combine(earlier, "trace.json"), "{}");

        AssertRefusedBeforeWork("--profile", earlier);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(earlier, "trace.json")));
    }

    [TorchFact]
    public void An_empty_training_set_is_refused()
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "empty-mnist")).FullName;
        foreach (var split in new[] { "train", "t10k" })
        {
            File.WriteAllBytes(Path.Combine(data, $"{split}-images-idx3-ubyte"), Idx(0x0803, 0, 28, 28));
            File.WriteAllBytes(Path.Combine(data, $"{split}-labels-idx1-ubyte"), Idx(0x0801, 0));
        }

        AssertRefusedBeforeWork("--set", "data.dataset=mnist", "--set", $"data.path={data}");
    }

    [TrainingFact]
    public void A_redirected_run_prints_whole_paths_without_escape_codes()
    {
        // Longer than the 80 columns Spectre.Console assumes when it cannot ask a terminal.
        var deep = Path.Combine(_dir, new string('d', 60), new string('e', 60));

        var result = ActortrainProcess.Run(Args("--set", $"run.output-dir={deep}", "--set", "data.train-limit=256"));

        Assert.True(result.Code == 0, result.Err);
        var run = Assert.Single(Directory.GetDirectories(deep));
        Assert.Contains($"Run directory: {run}{Environment.NewLine}", result.Out);
        Assert.Contains($"Checkpoint: {Path.Combine(run, "checkpoints", "step-000002")}{Environment.NewLine}", result.Out);
        Assert.DoesNotContain('\u001b', result.Out + result.Err);
    }

    private static byte[] Idx(int magic, params int[] dims)
    {
        var bytes = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        return bytes;
    }
}
