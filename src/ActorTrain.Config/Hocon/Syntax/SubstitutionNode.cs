namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>
/// `${path}` or `${?path}`. <see cref="IncludePrefix"/> is the path at which the file holding it was included:
/// the spec looks the path up there first, then from the root.
/// </summary>
internal sealed class SubstitutionNode(IReadOnlyList<string> path, bool optional, IReadOnlyList<string> includePrefix, HoconOrigin origin)
    : Node(origin)
{
    public IReadOnlyList<string> Path { get; } = path;
    public bool Optional { get; } = optional;
    public IReadOnlyList<string> IncludePrefix { get; } = includePrefix;

    public override string ToString() => (Optional ? "${?" : "${") + HoconPath.Render(Path) + "}";
}
