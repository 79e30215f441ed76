using ActorTrain.Config.Hocon.Syntax;

namespace ActorTrain.Config.Hocon.Resolution;

/// <summary>
/// While a possibly self-referential value of <see cref="Path"/> resolves, lookups of that path (or below it) see
/// only the values assigned before it (<see cref="Below"/>; none when it is the first), as the spec prescribes.
/// Restrictions nest; the innermost that covers a path applies.
/// </summary>
internal sealed record Restriction(IReadOnlyList<string> Path, Node? Below, Restriction? Outer)
{
    public bool Covers(IReadOnlyList<string> path)
    {
        if (path.Count < Path.Count) return false;
        for (var i = 0; i < Path.Count; i++)
            if (!string.Equals(path[i], Path[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
