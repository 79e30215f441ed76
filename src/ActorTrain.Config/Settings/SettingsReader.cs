using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Settings;

/// <summary>
/// Reads one section of settings, recording every problem instead of stopping at the first. A getter whose value is
/// wrong records an error and returns a placeholder; the binder throws once all sections are read. A section that
/// is missing or not an object is reported once, and its keys are then not reported again.
/// </summary>
internal sealed class SettingsReader
{
    private const string Missing = "nothing (the key is missing)";

    private readonly HoconObject? _section;
    private readonly string _prefix;
    private readonly List<ConfigError> _errors;

    public SettingsReader(HoconObject root, List<ConfigError> errors) : this(root, "", errors)
    {
    }

    private SettingsReader(HoconObject? section, string prefix, List<ConfigError> errors)
    {
        _section = section;
        _prefix = prefix;
        _errors = errors;
    }

    public string PathOf(string key) => _prefix.Length == 0 ? key : $"{_prefix}.{key}";

    public HoconValue? Value(string key) => _section is not null && _section.TryGetValue(key, out var v) ? v : null;

    /// <summary>Records a problem with <paramref name="key"/>; nothing when this section itself was already reported.</summary>
    public void Report(string key, string expected, HoconValue? found, string? suggestion = null)
    {
        if (_section is null) return;
        _errors.Add(new ConfigError(PathOf(key), expected, found?.Describe() ?? Missing, found?.Origin ?? _section.Origin, suggestion));
    }

    public SettingsReader Section(string key) => Child(key, PathOf(key), Require(key, "an object"));

    /// <summary>Element <paramref name="index"/> of the array at <paramref name="key"/>, which must be an object.</summary>
    public SettingsReader Item(string key, int index, HoconValue item, string expected)
    {
        var path = $"{PathOf(key)}[{index}]";
        if (item is HoconObject o) return new SettingsReader(o, path, _errors);
        _errors.Add(new ConfigError(path, expected, item.Describe(), item.Origin));
        return new SettingsReader(null, path, _errors);
    }

    public void ReportItem(string key, int index, string expected, HoconValue found, string? suggestion = null) =>
        _errors.Add(new ConfigError($"{PathOf(key)}[{index}]", expected, found.Describe(), found.Origin, suggestion));

    /// <summary>Reports keys of this section that are not in <paramref name="known"/>, with the nearest known key.</summary>
    public void CheckKeys(IReadOnlyCollection<string> known)
    {
        if (_section is null) return;
        foreach (var (key, value) in _section)
            if (!known.Contains(key))
                _errors.Add(ConfigError.UnknownKey(PathOf(key), value, EditDistance.Closest(key, known) is { } s ? PathOf(s) : null));
    }

    public int Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var expected = DescribeInt(min, max);
        return Read<int>(key, expected, v => v is HoconScalar s && s.TryGetInt64(out var n) && n >= min && n <= max ? (int)n : null);
    }

    public long Long(string key) => Read<long>(key, "an integer", v => v is HoconScalar s && s.TryGetInt64(out var n) ? n : null);

    public double Number(string key, NumberRange range) =>
        Read<double>(key, range.Describe(), v => v is HoconScalar s && s.TryGetDouble(out var d) && range.Contains(d) ? d : null);

    /// <summary>A positive duration such as <c>60 s</c> or <c>2 minutes</c>.</summary>
    public TimeSpan Duration(string key) =>
        Read<TimeSpan>(key, $"a positive duration such as 500ms or 10 s (units: {HoconUnits.DurationUnits})",
            v => HoconUnits.TryGetDuration(v, out var d) && d > TimeSpan.Zero ? d : null);

    /// <summary>0 (no limit) or a size per second such as <c>100MB/s</c>, in bytes per second.</summary>
    public long Bandwidth(string key) =>
        Read<long>(key, $"0 (no limit) or a size per second such as 100MB/s (size units: {HoconUnits.SizeUnits})",
            v => HoconUnits.TryGetBandwidth(v, out var b) ? b : null);

    public bool Bool(string key) =>
        Read<bool>(key, "a boolean (on/off, true/false, yes/no)", v => v is HoconScalar s && s.TryGetBoolean(out var b) ? b : null);

    public string String(string key, bool nonEmpty = false)
    {
        var expected = nonEmpty ? "a non-empty string" : "a string";
        var value = Require(key, expected);
        if (value is HoconScalar { Type: not HoconValueType.Null } s && (!nonEmpty || s.Text.Length > 0)) return s.Text;
        if (value is not null) Report(key, expected, value);
        return "";
    }

    /// <summary>One of the enum's HOCON names; a near miss gets a suggestion. <paramref name="whenMissing"/> makes the key optional.</summary>
    public T Choice<T>(string key, T? whenMissing = null) where T : struct, Enum
    {
        var expected = "one of " + string.Join(", ", EnumNames.All<T>());
        if (whenMissing is { } fallback && Value(key) is null) return fallback;
        var value = Require(key, expected);
        if (value is null) return default;
        if (value is HoconScalar { Type: HoconValueType.String } s && EnumNames.TryParse<T>(s.Text, out var parsed)) return parsed;
        Report(key, expected, value, value is HoconScalar text ? EditDistance.Closest(text.Text, EnumNames.All<T>()) : null);
        return default;
    }

    /// <summary>The array at <paramref name="key"/>; anything else is reported and reads as empty.</summary>
    public IReadOnlyList<HoconValue> List(string key, string expected)
    {
        var value = Require(key, expected);
        if (value is HoconArray a) return a;
        if (value is not null) Report(key, expected, value);
        return [];
    }

    public IReadOnlyList<int> IntList(string key, int min)
    {
        var items = new List<int>();
        var values = List(key, $"an array of integers >= {min}");
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is HoconScalar s && s.TryGetInt64(out var n) && n >= min && n <= int.MaxValue) items.Add((int)n);
            else ReportItem(key, i, DescribeInt(min, int.MaxValue), values[i]);
        }
        return items;
    }

    public IReadOnlyList<double> NumberList(string key, string expected, NumberRange range)
    {
        var items = new List<double>();
        var values = List(key, expected);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is HoconScalar s && s.TryGetDouble(out var d) && range.Contains(d)) items.Add(d);
            else ReportItem(key, i, range.Describe(), values[i]);
        }
        return items;
    }

    /// <summary>An array of strings, each checked by <paramref name="valid"/> and described by <paramref name="expectedItem"/>.</summary>
    public IReadOnlyList<string> StringList(string key, string expectedItem, Func<string, bool> valid)
    {
        var items = new List<string>();
        var values = List(key, "an array of strings");
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is HoconScalar { Type: HoconValueType.String } s && valid(s.Text)) items.Add(s.Text);
            else ReportItem(key, i, expectedItem, values[i]);
        }
        return items;
    }

    private T Read<T>(string key, string expected, Func<HoconValue, T?> convert) where T : struct
    {
        var value = Require(key, expected);
        if (value is null) return default;
        if (convert(value) is { } result) return result;
        Report(key, expected, value);
        return default;
    }

    private HoconValue? Require(string key, string expected)
    {
        if (_section is null) return null;
        var value = Value(key);
        if (value is null) Report(key, expected, null);
        return value;
    }

    private SettingsReader Child(string key, string path, HoconValue? value)
    {
        if (value is HoconObject o) return new SettingsReader(o, path, _errors);
        if (value is not null) Report(key, "an object", value);
        return new SettingsReader(null, path, _errors);
    }

    private static string DescribeInt(int min, int max) => (min, max) switch
    {
        (int.MinValue, int.MaxValue) => "an integer",
        (_, int.MaxValue) => $"an integer >= {min}",
        _ => $"an integer between {min} and {max}",
    };
}
