namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>An array whose elements may still hold substitutions.</summary>
internal sealed class ArrayNode(IEnumerable<Node> items, HoconOrigin origin) : Node(origin)
{
    private readonly List<Node> _items = items.ToList();

    public IReadOnlyList<Node> Items => _items;

    /// <summary>Appends the elements of <paramref name="later"/>, which is not used again (nodes have one owner).</summary>
    public ArrayNode AppendFrom(ArrayNode later)
    {
        _items.AddRange(later._items);
        return this;
    }
}
