namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>The spec's duplicate-key rule, applied to parsed values: two objects merge, otherwise the later value wins.</summary>
internal static class NodeMerge
{
    /// <summary>Returns the value of a key that was <paramref name="below"/> and is then assigned <paramref name="above"/>.</summary>
    public static Node Merge(Node below, Node above) => above switch
    {
        MergeStackNode stack => stack.Layers.Aggregate(below, Merge),
        ObjectNode o when below is ObjectNode b => b.MergeFrom(o),
        // `a += x` onto a known array, or onto a first `a += w`, is the same as one longer array or append.
        ConcatenationNode { IsAppend: true } add when below is ArrayNode array => array.AppendFrom(add.Appended),
        ConcatenationNode { IsAppend: true } add when below is ConcatenationNode { IsAppend: true } earlier => earlier.AppendFrom(add),
        // The value below may resolve to an object, which the object above would then merge with.
        ObjectNode when MayBecomeObject(below) => Stack(below, above),
        // A self-reference in the value above needs the value below.
        SubstitutionNode or ConcatenationNode => Stack(below, above),
        _ => above,
    };

    private static bool MayBecomeObject(Node node) => node is SubstitutionNode or ConcatenationNode or MergeStackNode;

    private static MergeStackNode Stack(Node below, Node above) =>
        new(below is MergeStackNode s ? [.. s.Layers, above] : [below, above]);
}
