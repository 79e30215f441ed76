using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>Short ways for tests to read HOCON text and look at the result.</summary>
internal static class HoconText
{
    public static HoconConfig Read(string text) => new(HoconReader.Parse(text, "test.conf"));

    /// <summary>The resolved tree as compact JSON, so a test can state a whole expected tree in one literal.</summary>
    public static string Json(string text) => Compact(Read(text).ToJson());

    public static string Compact(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);

    public static ConfigErrorException Error(string text) => Assert.ThrowsAny<ConfigErrorException>(() => Read(text));
}
