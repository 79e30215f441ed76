using System.Collections;

namespace ActorTrain.Config.Hocon;

/// <summary>A resolved array.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly HoconValue[] _items;

    internal HoconArray(IEnumerable<HoconValue> items, HoconOrigin origin) : base(origin) => _items = items.ToArray();

    public override HoconValueType Type => HoconValueType.Array;
    public int Count => _items.Length;
    public HoconValue this[int index] => _items[index];
    public IEnumerator<HoconValue> GetEnumerator() => ((IEnumerable<HoconValue>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string Describe() => _items.Length == 0 ? "an empty array" : $"array of {_items.Length}";
}
