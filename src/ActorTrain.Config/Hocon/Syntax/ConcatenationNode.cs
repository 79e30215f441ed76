namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>
/// Values written side by side on one line (`${a} [3]`, `${path}":/x"`) that hold a substitution, so whether they join
/// as a string, an array or an object is known only after resolution. Constant concatenations fold while parsing.
/// </summary>
internal sealed class ConcatenationNode : Node
{
    private ConcatenationNode(IReadOnlyList<Node> pieces, bool isAppend = false) : base(pieces[0].Origin)
    {
        Pieces = pieces;
        IsAppend = isAppend;
    }

    /// <summary>Values and the <see cref="WhitespaceNode"/>s between them, trimmed at both ends.</summary>
    public IReadOnlyList<Node> Pieces { get; }

    /// <summary>
    /// Written as `a += v`, which the spec defines as `a = ${?a} [v]`: pieces are that optional self-reference and
    /// one array. Knowing it lets repeated appends fold into one array instead of a chain of self-references.
    /// </summary>
    public bool IsAppend { get; }

    /// <summary>The `${?a} [items]` form of `a += item`.</summary>
    public static ConcatenationNode Append(SubstitutionNode self, ArrayNode items) => new([self, items], isAppend: true);

    /// <summary>The array an append adds.</summary>
    public ArrayNode Appended => (ArrayNode)Pieces[1];

    /// <summary>Folds a later append to the same key into this one: `${?a} [x]` then `+= y` is `${?a} [x, y]`.</summary>
    public ConcatenationNode AppendFrom(ConcatenationNode later)
    {
        Appended.AppendFrom(later.Appended);
        return this;
    }

    /// <summary>Joins what can be joined now; keeps a concatenation node only when a substitution is involved.</summary>
    public static Node Create(IReadOnlyList<Node> pieces)
    {
        if (pieces.Count == 1) return pieces[0];
        var values = pieces.Where(p => p is not WhitespaceNode).ToList();
        if (values.Any(v => v is SubstitutionNode or ConcatenationNode)) return new ConcatenationNode(pieces);
        if (values.All(v => v is ScalarNode)) return new ScalarNode(HoconScalar.String(JoinText(pieces), pieces[0].Origin));
        if (values.All(v => v is ObjectNode)) return values.Skip(1).Aggregate(values[0], (below, above) => NodeMerge.Merge(below, above));
        if (values.All(v => v is ArrayNode))
            return new ArrayNode(values.Cast<ArrayNode>().SelectMany(a => a.Items).ToList(), values[0].Origin);

        var first = values[0];
        var odd = values.First(v => Kind(v) != Kind(first));
        throw new ConfigErrorException(
            $"cannot concatenate {Kind(first)} with {Kind(odd)} (values side by side on one line join into one value; " +
            "separate array elements with commas, or quote text)", odd.Origin);
    }

    private static string JoinText(IEnumerable<Node> pieces) =>
        string.Concat(pieces.Select(p => p is WhitespaceNode w ? w.Text : ((ScalarNode)p).Value.Text));

    private static string Kind(Node node) => node switch
    {
        ObjectNode => "an object",
        ArrayNode => "an array",
        _ => "a string",
    };
}
