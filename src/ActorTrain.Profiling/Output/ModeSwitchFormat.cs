using System.Text.Json;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Output;

/// <summary>One wording and one set of JSON fields for a mode switch, wherever it is shown: trace, summary, report.</summary>
internal static class ModeSwitchFormat
{
    public static string Label(ModeSwitch change) => $"mode: {change.From} -> {change.To} ({change.Reason})";

    public static void WriteFields(Utf8JsonWriter json, ModeSwitch change)
    {
        json.WriteNumber("step", change.Step);
        json.WriteNumber("epoch", change.Epoch);
        json.WriteString("from", change.From);
        json.WriteString("to", change.To);
        json.WriteString("reason", change.Reason);
    }
}
