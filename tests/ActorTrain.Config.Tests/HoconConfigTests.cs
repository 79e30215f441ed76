using ActorTrain.Config.Hocon;
using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests;

public sealed class HoconConfigTests
{
    private static readonly HoconConfig Sample = Read("""
        pipeline { stages = 4, devices = ["cpu", "cuda:0"], "odd.key" = 1 }
        name = demo
        """);

    [Fact]
    public void Paths_are_path_expressions()
    {
        Assert.Equal(4, Sample.GetInt("pipeline.stages"));
        Assert.Equal(1, Sample.GetInt("pipeline.\"odd.key\""));
        Assert.True(Sample.HasPath("pipeline.devices"));
        Assert.False(Sample.HasPath("pipeline.missing"));
        Assert.Null(Sample.Find("name.deeper"));
    }

    [Fact]
    public void A_sub_configuration_reads_paths_relative_to_it()
    {
        var pipeline = Sample.GetConfig("pipeline");
        Assert.Equal(["cpu", "cuda:0"], pipeline.GetStringList("devices"));
        Assert.Equal(2, pipeline.GetList("devices").Count);
    }

    [Fact]
    public void A_missing_path_names_the_path_and_what_was_expected()
    {
        var e = Assert.Throws<ConfigErrorException>(() => Sample.GetInt("pipeline.stage"));
        Assert.Equal("`pipeline.stage` is not set (expected an integer (32-bit))", e.Message);
    }

    [Fact]
    public void A_wrong_type_names_the_path_the_value_and_where_it_was_set()
    {
        var e = Assert.Throws<ConfigErrorException>(() => Sample.GetInt("name"));
        Assert.Equal("test.conf:2:8: `name`: expected an integer (32-bit), found string \"demo\"", e.Message);
        Assert.Equal(2, e.Line);
        Assert.Throws<ConfigErrorException>(() => Sample.GetConfig("name"));
        Assert.Throws<ConfigErrorException>(() => Sample.GetStringList("pipeline"));
    }

    [Fact]
    public void Numbers_and_booleans_read_as_strings()
    {
        Assert.Equal("4", Sample.GetString("pipeline.stages"));
        Assert.Equal("true", Read("a = true").GetString("a"));
    }

    [Fact]
    public void An_integer_out_of_range_is_an_error_but_reads_as_a_long()
    {
        var c = Read("big = 9000000000");
        Assert.Equal(9_000_000_000L, c.GetLong("big"));
        Assert.Throws<ConfigErrorException>(() => c.GetInt("big"));
    }

    [Fact]
    public void Objects_merge_with_a_fallback_as_duplicate_keys_do()
    {
        var merged = Read("a { x = 1 }").Root.WithFallback(Read("a { y = 2 }, b = 3").Root);
        Assert.Equal("""{"a":{"y":2,"x":1},"b":3}""", Compact(new HoconConfig(merged).ToJson()));
    }
}
