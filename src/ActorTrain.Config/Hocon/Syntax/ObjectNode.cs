namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>An object whose fields may still hold substitutions. Fields keep the order of their first definition.</summary>
internal sealed class ObjectNode(HoconOrigin origin) : Node(origin)
{
    private readonly Dictionary<string, Node> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();

    public IEnumerable<KeyValuePair<string, Node>> Fields => _order.Select(k => new KeyValuePair<string, Node>(k, _fields[k]));

    public bool TryGet(string key, out Node value) => _fields.TryGetValue(key, out value!);

    /// <summary>Assigns a key as a repeated key in a file does: objects merge, anything else overrides.</summary>
    public void Set(string key, Node value)
    {
        if (_fields.TryGetValue(key, out var existing)) _fields[key] = NodeMerge.Merge(existing, value);
        else
        {
            _order.Add(key);
            _fields[key] = value;
        }
    }

    /// <summary>Takes over every field of <paramref name="later"/> as if they were assigned here, one after another.</summary>
    public ObjectNode MergeFrom(ObjectNode later)
    {
        foreach (var (key, value) in later.Fields) Set(key, value);
        return this;
    }

    /// <summary>`a.b.c = v` is `a { b { c = v } }`, merged in the usual way.</summary>
    public void SetPath(IReadOnlyList<string> path, Node value)
    {
        for (var i = path.Count - 1; i > 0; i--)
        {
            var wrapper = new ObjectNode(value.Origin);
            wrapper.Set(path[i], value);
            value = wrapper;
        }
        Set(path[0], value);
    }
}
