using System.Text.Json;
using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>A JSON document is HOCON and must read as a JSON parser reads it.</summary>
public sealed class JsonEquivalenceTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"a": 1}""")]
    [InlineData("""{"s": "x\"y\\z\u00e9\n", "n": -0.5e-3, "i": 0, "big": 12345678901234, "t": true, "f": false, "z": null}""")]
    [InlineData("""{"nested": {"deep": {"list": [1, [2, 3], {"k": "v"}, [], {}]}}}""")]
    [InlineData("""{"a.b": 1, "with space": 2, "": 3, "include": 4, "${x}": "${y}", "#": "//"}""")]
    [InlineData("""
        {
            "pipeline": {
                "stages": 4,
                "devices": ["cuda:0", "cuda:1"]
            }
        }
        """)]
    public void Json_documents_read_as_System_Text_Json_reads_them(string json)
    {
        Assert.Equal(Compact(json), Json(json));
    }

    [Fact]
    public void Json_keeps_the_type_of_every_value()
    {
        var c = Read("""{"i": 3, "d": 2.5, "s": "3", "b": true}""");
        Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(c.ToJson()).RootElement.GetProperty("i").ValueKind);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(c.ToJson()).RootElement.GetProperty("s").ValueKind);
    }

    [Fact]
    public void A_json_file_equals_its_hocon_spelling()
    {
        var hocon = """
            run { name = demo, seed = 1 }
            pipeline.devices = [ "cpu" ]
            """;
        var json = """{"run": {"name": "demo", "seed": 1}, "pipeline": {"devices": ["cpu"]}}""";
        Assert.Equal(Json(json), Json(hocon));
    }
}
