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
    public void Prints_the_resolved_configuration_as_hocon_that_reads_back()
    {
        var file = Write("x.conf", "pipeline { stages = 4 }\nrun.name = ${run.name}-x");
        var (code, output) = Run("--config", file, "--set", "pipeline.micro-batches=8");
        Assert.Equal(0, code);
        var printed = new Config.HoconConfig(HoconReader.Parse(output, "printed"));
        Assert.Equal((4, 8, "run-x"), (printed.GetInt("pipeline.stages"), printed.GetInt("pipeline.micro-batches"), printed.GetString("run.name")));
        Assert.Equal(128, printed.GetInt("data.batch-size"));
    }

    [Fact]
    public void Prints_json_with_the_json_flag()
    {
        var (code, output) = Run("--set", "pipeline.micro-batches=8", "--set", "pipeline.balance=[3,3]", "--json");
        Assert.Equal(0, code);
        var pipeline = JsonDocument.Parse(output).RootElement.GetProperty("pipeline");
        Assert.Equal(8, pipeline.GetProperty("micro-batches").GetInt32());
        Assert.Equal(2, pipeline.GetProperty("balance").GetArrayLength());
    }

    [Fact]
    public void Origins_name_the_file_and_line_of_each_value()
    {
        var file = Write("x.conf", "\npipeline.stages = 4");
        var (_, output) = Run("--config", file, "--origins");
        Assert.Contains($"stages = 4  # {file}:2", output);
        Assert.Contains("micro-batches = 4  # reference.conf:", output);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_position_as_a_usage_error()
    {
        var file = Write("bad.conf", "pipeline {\n  micro-batchs = 8\n  stages = 0\n}\nrun.mode = synk");
        var e = Assert.Throws<UsageException>(() => Run("--config", file));
        Assert.Contains($"{file}:2:18: pipeline.micro-batchs: unknown key; did you mean `pipeline.micro-batches`?", e.Message);
        Assert.Contains($"{file}:3:12: pipeline.stages: expected an integer >= 1, found number 0", e.Message);
        Assert.Contains($"{file}:5:12: run.mode: expected one of sync, async, decoupled, ist, dp, found string \"synk\"; did you mean `sync`?", e.Message);
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
    }
}
