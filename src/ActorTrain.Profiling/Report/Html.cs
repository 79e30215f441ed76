using System.Globalization;
using System.Net;

namespace ActorTrain.Profiling.Report;

/// <summary>Escaping and number formatting for report.html; every piece of run text goes through <see cref="Escape"/>.</summary>
internal static class Html
{
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Coordinates in SVG: invariant culture, two decimals are finer than a pixel.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Number(double? value, string format = "0.###") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public static string Share(double? value) =>
        value is { } v && double.IsFinite(v) ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";

    public static string Bytes(long? value)
    {
        if (value is not { } bytes)
        {
            return "n/a";
        }

        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double scaled = bytes;
        int unit = 0;
        while (Math.Abs(scaled) >= 1024 && unit < units.Length - 1)
        {
            scaled /= 1024;
            unit++;
        }

        return unit == 0
            ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
            : scaled.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
