using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorTrain.Profiling.Output;

/// <summary>Writer settings shared by trace.json and summary.json.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// The relaxed encoder keeps "sync -> decoupled" readable instead of "\u003E": the files are
    /// read as JSON, never pasted into HTML, so HTML-sensitive characters need no escaping.
    /// </summary>
    public static JsonWriterOptions Options(bool indented) => new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = indented,
    };
}
