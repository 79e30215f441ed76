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
        Assert.Equal(4, new HoconConfig(HoconReader.Parse(ConfigLoader.ReferenceText, "reference.conf")).GetInt("actortrain.pipeline.micro-batches"));
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
        Assert.Equal(128, c.GetInt("actortrain.data.batch-size"));
        Assert.Equal(["cpu"], c.GetStringList("actortrain.pipeline.devices"));
        Assert.False(c.HasPath("akka"));
    }

    [Fact]
    public void A_user_file_overlays_the_reference_and_sets_overlay_the_file()
    {
        var file = _dir.Write("user.conf", "actortrain { pipeline { micro-batches = 8, stages = 3 } }\nactortrain.run.epochs = 5");
        var c = ConfigLoader.Load(file, ["actortrain.pipeline.micro-batches=16", "actortrain.run.name = \"my run\""]);
        Assert.Equal(16, c.GetInt("actortrain.pipeline.micro-batches"));
        Assert.Equal(3, c.GetInt("actortrain.pipeline.stages"));
        Assert.Equal(5, c.GetInt("actortrain.run.epochs"));
        Assert.Equal("my run", c.GetString("actortrain.run.name"));
        Assert.Equal("1f1b", c.GetString("actortrain.pipeline.schedule"));
    }

    [Fact]
    public void A_set_value_is_read_as_hocon()
    {
        var c = ConfigLoader.Load(null, ["actortrain.pipeline.balance=[3,3]", "actortrain.pipeline.devices += \"cuda:1\"", "actortrain.data.path=/tmp/data"]);
        Assert.Equal(["3", "3"], c.GetList("actortrain.pipeline.balance").Select(v => v.ToString()));
        Assert.Equal(["cpu", "cuda:1"], c.GetStringList("actortrain.pipeline.devices"));
        Assert.Equal("/tmp/data", c.GetString("actortrain.data.path"));
    }

    [Fact]
    public void A_user_file_can_build_on_reference_values()
    {
        var file = _dir.Write("user.conf",
            "actortrain.run.name = ${actortrain.run.name}-long\nactortrain.pipeline.devices = ${actortrain.pipeline.devices} [\"cuda:0\"]");
        var c = ConfigLoader.Load(file, []);
        Assert.Equal("run-long", c.GetString("actortrain.run.name"));
        Assert.Equal(["cpu", "cuda:0"], c.GetStringList("actortrain.pipeline.devices"));
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
        var file = _dir.Write("conf/user.conf", "actortrain { include \"common.conf\" }");
        Assert.Equal(4, ConfigLoader.Load(file, []).GetInt("actortrain.pipeline.stages"));
    }

    [Fact]
    public void A_set_whose_path_starts_with_neither_akka_nor_actortrain_sets_an_actortrain_key()
    {
        var c = ConfigLoader.Load(null, ["pipeline.stages=3"]);
        Assert.Equal(3, c.GetInt("actortrain.pipeline.stages"));
        Assert.False(c.HasPath("pipeline"));
    }

    [Fact]
    public void A_set_may_name_the_full_actortrain_key()
    {
        Assert.Equal(3, ConfigLoader.Load(null, ["actortrain.pipeline.stages=3"]).GetInt("actortrain.pipeline.stages"));
    }

    [Fact]
    public void A_set_under_akka_sets_akkas_key()
    {
        var c = ConfigLoader.Load(null, ["akka.loglevel=DEBUG"]);
        Assert.Equal("DEBUG", c.GetString("akka.loglevel"));
        Assert.False(c.HasPath("actortrain.akka"));
    }

    [Fact]
    public void A_shorthand_set_appends_to_and_refers_to_actortrain_keys()
    {
        var c = ConfigLoader.Load(null, ["pipeline.devices += \"cuda:1\"", "run.name = ${run.name}-x"]);
        Assert.Equal(["cpu", "cuda:1"], c.GetStringList("actortrain.pipeline.devices"));
        Assert.Equal("run-x", c.GetString("actortrain.run.name"));
    }

    private static IEnumerable<(string Path, HoconValue Value)> Leaves(HoconObject obj, string prefix) =>
        obj.SelectMany(f => f.Value is HoconObject inner
            ? Leaves(inner, prefix + f.Key + ".")
            : [(prefix + f.Key, f.Value)]);
}
