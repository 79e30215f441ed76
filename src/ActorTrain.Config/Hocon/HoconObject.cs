using System.Collections;

namespace ActorTrain.Config.Hocon;

/// <summary>A resolved object. Keys keep the order in which they were first defined, so rendering follows reference.conf.</summary>
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly List<string> _order;

    internal HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconOrigin origin) : base(origin)
    {
        _fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        _order = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!_fields.ContainsKey(key)) _order.Add(key);
            _fields[key] = value;
        }
    }

    public override HoconValueType Type => HoconValueType.Object;
    public int Count => _order.Count;
    public IEnumerable<string> Keys => _order;
    public IEnumerable<HoconValue> Values => _order.Select(k => _fields[k]);
    public HoconValue this[string key] => _fields[key];
    public bool ContainsKey(string key) => _fields.ContainsKey(key);
    public bool TryGetValue(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() =>
        _order.Select(k => new KeyValuePair<string, HoconValue>(k, _fields[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Merges as HOCON merges duplicate keys: this object wins, objects present in both merge recursively.</summary>
    public HoconObject WithFallback(HoconObject fallback)
    {
        var merged = new List<KeyValuePair<string, HoconValue>>(fallback);
        foreach (var (key, value) in this)
        {
            var below = fallback.TryGetValue(key, out var f) ? f : null;
            merged.Add(new(key, value is HoconObject o && below is HoconObject b ? o.WithFallback(b) : value));
        }
        return new HoconObject(merged, Origin);
    }

    public override string Describe() => "object";
}
