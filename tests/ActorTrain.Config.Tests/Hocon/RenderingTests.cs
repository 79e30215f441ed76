using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests.Hocon;

public sealed class RenderingTests
{
    private const string Sample = """
        run { name = "demo run", seed = 7, "odd.key" = on }
        list = [1, "two", true, null, [3], { k = v }]
        empty { }
        text = "line\nbreak \"quoted\""
        """;

    [Fact]
    public void Hocon_output_reads_back_to_the_same_tree()
    {
        var once = Read(Sample);
        Assert.Equal(Compact(once.ToJson()), Json(once.ToHocon()));
    }

    [Fact]
    public void Hocon_output_with_origins_still_reads_back_and_names_each_line()
    {
        var text = Read(Sample).ToHocon(withOrigins: true);
        Assert.Contains("seed = 7  # test.conf:1", text);
        Assert.Equal(Json(Sample), Json(text));
    }

    [Fact]
    public void Strings_stay_strings_when_rendered()
    {
        Assert.Contains("\"odd.key\" = \"on\"", Read(Sample).ToHocon());
    }

    [Fact]
    public void Json_output_is_valid_json_with_the_same_values()
    {
        Assert.Equal(
            """{"run":{"name":"demo run","seed":7,"odd.key":"on"},"list":[1,"two",true,null,[3],{"k":"v"}],"empty":{},"text":"line\nbreak \u0022quoted\u0022"}""",
            Json(Sample));
    }
}
