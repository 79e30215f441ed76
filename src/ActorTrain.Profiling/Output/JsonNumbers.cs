using System.Text.Json;

namespace ActorTrain.Profiling.Output;

/// <summary>
/// Writes numbers that may be missing or non-finite. Utf8JsonWriter throws on NaN, and a diverged
/// run (NaN loss) must still get its profile: such values become null.
/// </summary>
internal static class JsonNumbers
{
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Trace times in microseconds, kept to the nanosecond so rounding cannot make touching spans overlap by more than that.</summary>
    public static double Micros(double microseconds) => Math.Round(microseconds, 3);
}
