using System.Text.Json;
using ActorTrain.Cli.Commands;
using ActorTrain.Config.Hocon;

namespace ActorTrain.Cli.Tests;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actortrain-cli-config-" + Guid.NewGuid().ToString("N"));

    public ConfigCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var code = new ConfigCommand(output).Run(args);
        return (code, output.ToString());
    }

    [Fact]
    public void Prints_the_whole_resolved_configuration_akka_included_as_hocon_that_reads_back()
    {
        var file = Write("x.conf", "akka.loglevel = DEBUG\nactortrain { pipeline { stages = 4 } }\nactortrain.run.name = ${actortrain.run.name}-x");
        var (code, output) = Run("--config", file, "--set", "pipeline.micro-batches=8");
        Assert.Equal(0, code);
        var printed = new Config.HoconConfig(HoconReader.Parse(output, "printed"));
        Assert.Equal((4, 8, "run-x"),
            (printed.GetInt("actortrain.pipeline.stages"), printed.GetInt("actortrain.pipeline.micro-batches"), printed.GetString("actortrain.run.name")));
        Assert.Equal(128, printed.GetInt("actortrain.data.batch-size"));
        Assert.Equal("DEBUG", printed.GetString("akka.loglevel"));
    }

    [Fact]
    public void Prints_json_with_the_json_flag()
    {
        var (code, output) = Run("--set", "pipeline.micro-batches=8", "--set", "actortrain.pipeline.balance=[3,3]", "--set", "akka.loglevel=DEBUG", "--json");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("DEBUG", root.GetProperty("akka").GetProperty("loglevel").GetString());
        var pipeline = root.GetProperty("actortrain").GetProperty("pipeline");
        Assert.Equal(8, pipeline.GetProperty("micro-batches").GetInt32());
        Assert.Equal(2, pipeline.GetProperty("balance").GetArrayLength());
    }

    [Fact]
    public void Origins_name_the_file_and_line_of_each_value()
    {
        var file = Write("x.conf", "\nactortrain.pipeline.stages = 4");
        var (_, output) = Run("--config", file, "--origins");
        Assert.Contains($"stages = 4  # {file}:2", output);
        Assert.Contains("micro-batches = 4  # reference.conf:", output);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_position_as_a_usage_error()
    {
        var file = Write("bad.conf", "actortrain.pipeline {\n  micro-batchs = 8\n  stages = 0\n}\nactortrain.run.mode = synk");
        var e = Assert.Throws<UsageException>(() => Run("--config", file));
        Assert.Contains($"{file}:2:18: actortrain.pipeline.micro-batchs: unknown key; did you mean `actortrain.pipeline.micro-batches`?", e.Message);
        Assert.Contains($"{file}:3:12: actortrain.pipeline.stages: expected an integer >= 1, found number 0", e.Message);
        Assert.Contains(
            $"{file}:5:23: actortrain.run.mode: expected one of sync, async, decoupled, ist, dp, found string \"synk\"; did you mean `sync`?", e.Message);
    }

    [Fact]
    public void A_file_written_before_the_actortrain_namespace_is_a_usage_error_naming_the_new_keys()
    {
        var file = Write("old.conf", "run {\n  epochs = 2\n}");
        var e = Assert.Throws<UsageException>(() => Run("--config", file));
        Assert.Contains(
            $"{file}:2:12: run.epochs: unknown top-level key; ActorTrain keys live under actortrain (did you mean `actortrain.run.epochs`?)", e.Message);
    }

    public static IEnumerable<object[]> ExampleJobs =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "hocon"), "*.conf").Order().Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(ExampleJobs))]
    public void Every_example_job_in_hocon_reads_without_a_problem(string job)
    {
        Assert.Equal(0, Run("--config", RepoPaths.Hocon(job)).Code);
    }

    [Fact]
    public void A_syntax_error_is_reported_with_file_line_and_column()
    {
        var file = Write("broken.conf", "a = [1,,2]");
        Assert.StartsWith($"{file}:1:8: two commas in a row", Assert.Throws<UsageException>(() => Run("--config", file)).Message);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        Assert.Throws<UsageException>(() => Run("--config", Path.Combine(_dir, "absent.conf")));
    }

    [Fact]
    public void Origins_and_json_together_are_a_usage_error()
    {
        Assert.Throws<UsageException>(() => Run("--json", "--origins"));
    }

    [Fact]
    public void Stray_arguments_are_a_usage_error()
    {
        Assert.Throws<UsageException>(() => Run("x.conf"));
    }

    [Fact]
    public void The_command_is_registered_and_documents_its_options()
    {
        var command = Assert.Single(CommandCatalog.All, c => c.Name == "config");
        Assert.Contains("--config FILE", command.Help);
        Assert.Contains("--set path=value", command.Help);
        Assert.Contains("--json", command.Help);
        Assert.Contains("actortrain.pipeline.stages", command.Help);
        Assert.Contains("akka.loglevel=DEBUG", command.Help);
    }
}
