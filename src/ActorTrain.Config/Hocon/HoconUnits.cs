using System.Globalization;
using System.Numerics;

namespace ActorTrain.Config.Hocon;

/// <summary>
/// The spec's unit formats: a number, optional whitespace, an optional unit. A bare number is milliseconds for a
/// duration and bytes for a memory size. Duration units are lowercase only; size units follow the spec's table
/// (K, M, G... and KiB, MiB... are powers of two; kB, MB... powers of ten).
/// </summary>
internal static class HoconUnits
{
    private static readonly Dictionary<string, long> NanosPerUnit = Table(
        (1L, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (1_000L, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (1_000_000L, ["ms", "milli", "millis", "millisecond", "milliseconds"]),
        (1_000_000_000L, ["s", "second", "seconds"]),
        (60_000_000_000L, ["m", "minute", "minutes"]),
        (3_600_000_000_000L, ["h", "hour", "hours"]),
        (86_400_000_000_000L, ["d", "day", "days"]));

    private static readonly Dictionary<string, BigInteger> BytesPerUnit = SizeTable();

    public const string DurationUnits = "ns, us, ms, s, m, h, d (or their long names)";
    public const string SizeUnits = "B, K/KiB, M/MiB, G/GiB, T/TiB (powers of 2), kB, MB, GB, TB (powers of 10)";

    public static bool TryGetDuration(HoconValue value, out TimeSpan duration)
    {
        duration = default;
        if (!TrySplit(value, "ms", out var number, out var unit) || !NanosPerUnit.TryGetValue(unit, out var nanos)) return false;
        if (!TryScale(number, nanos / 100m, out var ticks) || ticks > long.MaxValue || ticks < long.MinValue) return false;
        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    public static bool TryGetBytes(HoconValue value, out long bytes)
    {
        bytes = 0;
        if (!TrySplit(value, "B", out var number, out var unit) || !BytesPerUnit.TryGetValue(unit, out var factor)) return false;
        if (!TryScale(number, (decimal)factor, out var total)) return false;
        if (total != decimal.Truncate(total) || total > long.MaxValue || total < 0) return false;
        bytes = (long)total;
        return true;
    }

    /// <summary>
    /// A bandwidth in bytes per second: a size (units as in <see cref="TryGetBytes"/>) followed by <c>/s</c>, such as
    /// <c>100MB/s</c>, or a plain 0 (no limit).
    /// </summary>
    public static bool TryGetBandwidth(HoconValue value, out long bytesPerSecond)
    {
        bytesPerSecond = 0;
        if (value is not HoconScalar { Type: HoconValueType.Number or HoconValueType.String } scalar) return false;
        var text = scalar.Text.Trim();
        if (!text.EndsWith("/s", StringComparison.Ordinal))
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain == 0;
        if (!TrySplit(text[..^2], "B", out var number, out var unit) || !BytesPerUnit.TryGetValue(unit, out var factor)) return false;
        if (!TryScale(number, (decimal)factor, out var total) || total > long.MaxValue || total < 0) return false;
        bytesPerSecond = (long)decimal.Truncate(total);
        return true;
    }

    /// <summary>Splits `10 s` into 10 and "s"; a number, or a string without a unit, takes <paramref name="defaultUnit"/>.</summary>
    private static bool TrySplit(HoconValue value, string defaultUnit, out decimal number, out string unit)
    {
        number = 0;
        unit = defaultUnit;
        return value is HoconScalar { Type: HoconValueType.Number or HoconValueType.String } scalar && TrySplit(scalar.Text, defaultUnit, out number, out unit);
    }

    private static bool TrySplit(string value, string defaultUnit, out decimal number, out string unit)
    {
        unit = defaultUnit;
        var text = value.Trim();
        var end = text.Length;
        while (end > 0 && char.IsLetter(text[end - 1])) end--;
        if (end < text.Length) unit = text[end..];
        return decimal.TryParse(text[..end].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static bool TryScale(decimal number, decimal factor, out decimal product)
    {
        try
        {
            product = number * factor;
            return true;
        }
        catch (OverflowException)
        {
            product = 0;
            return false;
        }
    }

    private static Dictionary<string, long> Table(params (long Factor, string[] Names)[] rows) =>
        rows.SelectMany(r => r.Names.Select(n => (n, r.Factor))).ToDictionary(x => x.n, x => x.Factor, StringComparer.Ordinal);

    private static Dictionary<string, BigInteger> SizeTable()
    {
        var table = new Dictionary<string, BigInteger>(StringComparer.Ordinal)
        {
            ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1,
        };
        string[] decimals = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaries = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        const string letters = "KMGTPEZY";
        for (var i = 0; i < letters.Length; i++)
        {
            var power10 = BigInteger.Pow(1000, i + 1);
            var power2 = BigInteger.Pow(1024, i + 1);
            var l = letters[i].ToString();
            // The spec writes kilo as lowercase `kB`; every other prefix is uppercase.
            table[(i == 0 ? "k" : l) + "B"] = power10;
            table[decimals[i] + "byte"] = power10;
            table[decimals[i] + "bytes"] = power10;
            foreach (var name in new[] { l, l.ToLowerInvariant(), l + "i", l + "iB", binaries[i] + "byte", binaries[i] + "bytes" })
                table[name] = power2;
        }
        return table;
    }
}
