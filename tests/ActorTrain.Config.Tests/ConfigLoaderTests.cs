using ActorTrain.Config.Hocon;
using ActorTrain.Config.Tests.Hocon;

namespace ActorTrain.Config.Tests;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reference_conf_is_embedded_and_parses()
    {
        Assert.Contains("micro-batches", ConfigLoader.ReferenceText);
        Assert.Equal(4, new HoconConfig(HoconReader.Parse(ConfigLoader.ReferenceText, "reference.conf")).GetInt("pipeline.micro-batches"));
    }

    [Fact]
    public void Every_reference_key_has_a_comment_on_its_line_or_just_above()
    {
        var lines = ConfigLoader.ReferenceText.Split('\n');
        var uncommented = Leaves(ConfigLoader.ReferenceRoot, "")
            .Where(leaf => !lines[leaf.Value.Origin.Line - 1].Contains('#') && !lines[leaf.Value.Origin.Line - 2].TrimStart().StartsWith('#'))
            .Select(leaf => leaf.Path)
            .ToList();
        Assert.Empty(uncommented);
    }

    [Fact]
    public void Without_a_user_file_the_reference_defaults_apply()
    {
        var c = ConfigLoader.Load(null, []);
        Assert.Equal(128, c.GetInt("data.batch-size"));
        Assert.Equal(["cpu"], c.GetStringList("pipeline.devices"));
    }

    [Fact]
    public void A_user_file_overlays_the_reference_and_sets_overlay_the_file()
    {
        var file = _dir.Write("user.conf", "pipeline { micro-batches = 8, stages = 3 }\nrun.epochs = 5");
        var c = ConfigLoader.Load(file, ["pipeline.micro-batches=16", "run.name = \"my run\""]);
        Assert.Equal(16, c.GetInt("pipeline.micro-batches"));
        Assert.Equal(3, c.GetInt("pipeline.stages"));
        Assert.Equal(5, c.GetInt("run.epochs"));
        Assert.Equal("my run", c.GetString("run.name"));
        Assert.Equal("1f1b", c.GetString("pipeline.schedule"));
    }

    [Fact]
    public void A_set_value_is_read_as_hocon()
    {
        var c = ConfigLoader.Load(null, ["pipeline.balance=[3,3]", "pipeline.devices += \"cuda:1\"", "data.path=/tmp/data"]);
        Assert.Equal(["3", "3"], c.GetList("pipeline.balance").Select(v => v.ToString()));
        Assert.Equal(["cpu", "cuda:1"], c.GetStringList("pipeline.devices"));
        Assert.Equal("/tmp/data", c.GetString("data.path"));
    }

    [Fact]
    public void A_user_file_can_build_on_reference_values()
    {
        var file = _dir.Write("user.conf", "run.name = ${run.name}-long\npipeline.devices = ${pipeline.devices} [\"cuda:0\"]");
        var c = ConfigLoader.Load(file, []);
        Assert.Equal("run-long", c.GetString("run.name"));
        Assert.Equal(["cpu", "cuda:0"], c.GetStringList("pipeline.devices"));
    }

    [Fact]
    public void A_set_without_a_value_is_an_error()
    {
        Assert.Contains("expected path=value after --set", Assert.Throws<ConfigErrorException>(() => ConfigLoader.Load(null, ["pipeline.stages"])).Message);
    }

    [Fact]
    public void A_syntax_error_in_a_set_names_the_set()
    {
        var e = Assert.Throws<ConfigErrorException>(() => ConfigLoader.Load(null, ["pipeline.balance=[3,,3]"]));
        Assert.Equal("--set 'pipeline.balance=[3,,3]'", e.File);
        Assert.Equal(21, e.Column);
    }

    [Fact]
    public void A_missing_user_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<ConfigErrorException>(() => ConfigLoader.Load(Path.Combine(_dir.Path, "absent.conf"), []));
        Assert.Contains("absent.conf\": file not found", e.Message);
    }

    [Fact]
    public void Relative_includes_in_the_user_file_resolve_next_to_it()
    {
        _dir.Write("conf/common.conf", "pipeline.stages = 4");
        var file = _dir.Write("conf/user.conf", "include \"common.conf\"");
        Assert.Equal(4, ConfigLoader.Load(file, []).GetInt("pipeline.stages"));
    }

    private static IEnumerable<(string Path, HoconValue Value)> Leaves(HoconObject obj, string prefix) =>
        obj.SelectMany(f => f.Value is HoconObject inner
            ? Leaves(inner, prefix + f.Key + ".")
            : [(prefix + f.Key, f.Value)]);
}
