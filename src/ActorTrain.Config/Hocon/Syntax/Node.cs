namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>
/// A value as parsed, before substitutions are resolved. Every node has exactly one owner: merging moves the fields
/// of a later object into the earlier one (linear in the keys, however many times a prefix repeats), and the later
/// object is not used again.
/// </summary>
internal abstract class Node(HoconOrigin origin)
{
    public HoconOrigin Origin { get; } = origin;
}
