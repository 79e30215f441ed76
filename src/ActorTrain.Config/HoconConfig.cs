using ActorTrain.Config.Hocon;
using ActorTrain.Config.Hocon.Rendering;

namespace ActorTrain.Config;

/// <summary>
/// A resolved configuration with typed getters. Paths are path expressions (`pipeline.micro-batches`, `a."b.c"`).
/// Getters convert as the spec recommends (the string "8" reads as an integer, `on` as true; null never converts)
/// and throw <see cref="ConfigErrorException"/> naming the path, what was expected and where the value was set.
/// </summary>
public sealed class HoconConfig
{
    public HoconConfig(HoconObject root) => Root = root;

    public HoconObject Root { get; }

    /// <summary>True when the path exists and is not null (as in lightbend's hasPath).</summary>
    public bool HasPath(string path) => Find(path) is { Type: not HoconValueType.Null };

    /// <summary>The value at the path, or null when some element of the path is missing.</summary>
    public HoconValue? Find(string path)
    {
        HoconValue? value = Root;
        foreach (var key in HoconPath.Parse(path))
            value = value is HoconObject o && o.TryGetValue(key, out var child) ? child : null;
        return value;
    }

    public HoconValue GetValue(string path) =>
        Find(path) ?? throw new ConfigErrorException($"`{path}` is not set (expected a value there)");

    public string GetString(string path) =>
        Get(path, "a string", v => v is HoconScalar { Type: not HoconValueType.Null } s ? s.Text : null);

    public long GetLong(string path) => Get<long?>(path, "an integer", v => v is HoconScalar s && s.TryGetInt64(out var n) ? n : null)!.Value;

    public int GetInt(string path) =>
        Get<int?>(path, "an integer (32-bit)", v => v is HoconScalar s && s.TryGetInt64(out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null)!.Value;

    public double GetDouble(string path) => Get<double?>(path, "a number", v => v is HoconScalar s && s.TryGetDouble(out var d) ? d : null)!.Value;

    public bool GetBool(string path) =>
        Get<bool?>(path, "a boolean (true/false, on/off, yes/no)", v => v is HoconScalar s && s.TryGetBoolean(out var b) ? b : null)!.Value;

    /// <summary>A duration such as `500ms`, `10 s` or `2 minutes`; a bare number is milliseconds.</summary>
    public TimeSpan GetDuration(string path) =>
        Get<TimeSpan?>(path, $"a duration such as 500ms or 10 s (units: {HoconUnits.DurationUnits})",
            v => HoconUnits.TryGetDuration(v, out var d) ? d : null)!.Value;

    /// <summary>A size in bytes such as `64MiB` or `1G`; a bare number is bytes.</summary>
    public long GetMemorySize(string path) =>
        Get<long?>(path, $"a memory size such as 64MiB or 1G (units: {HoconUnits.SizeUnits})",
            v => HoconUnits.TryGetBytes(v, out var b) ? b : null)!.Value;

    public IReadOnlyList<HoconValue> GetList(string path) => Get(path, "an array", v => v as HoconArray);

    public IReadOnlyList<string> GetStringList(string path) =>
        Get(path, "an array of strings", v => v is HoconArray a && a.All(e => e is HoconScalar { Type: not HoconValueType.Null })
            ? a.Select(e => ((HoconScalar)e).Text).ToList()
            : null);

    /// <summary>The object at the path as a configuration of its own; its paths are relative to it.</summary>
    public HoconConfig GetConfig(string path) => new(Get(path, "an object", v => v as HoconObject));

    /// <summary>HOCON text that reads back to this configuration; with origins, each value is followed by `# file:line`.</summary>
    public string ToHocon(bool withOrigins = false) => HoconRenderer.Render(Root, withOrigins);

    public string ToJson() => JsonRenderer.Render(Root);

    public override string ToString() => ToHocon();

    private T Get<T>(string path, string expected, Func<HoconValue, T?> convert)
    {
        var value = Find(path) ?? throw new ConfigErrorException($"`{path}` is not set (expected {expected})");
        return convert(value) ?? throw new ConfigErrorException($"`{path}`: expected {expected}, found {value.Describe()}", value.Origin);
    }
}
