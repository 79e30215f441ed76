namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>
/// Successive values of one key that cannot be merged before resolution because at least one holds a substitution
/// (`a = {x: 1}` then `a = ${b}`). Layers run from the earliest (bottom) to the latest (top); a self-reference in
/// a layer sees only the layers below it.
/// </summary>
internal sealed class MergeStackNode(IReadOnlyList<Node> layers) : Node(layers[^1].Origin)
{
    public IReadOnlyList<Node> Layers { get; } = layers;
}
