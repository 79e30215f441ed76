using ActorTrain.Config.Hocon.Syntax;

namespace ActorTrain.Config.Hocon.Resolution;

/// <summary>
/// Resolves every substitution of a merged tree. Lookups are lazy: `${bar.foo}` resolves only `bar.foo`, not all of
/// `bar`, so objects may refer inside themselves. Results are memoized per node, so one substitution always yields
/// one value; a node met again while it resolves is a cycle, reported with the chain that led there.
/// </summary>
internal sealed class Resolver
{
    private readonly ObjectNode _root;
    private readonly Dictionary<Node, HoconValue?> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Node> _active = new(ReferenceEqualityComparer.Instance);
    private readonly List<SubstitutionNode> _trail = new();

    private Resolver(ObjectNode root) => _root = root;

    /// <summary>Resolves the whole tree; substitutions it does not define fall back to environment variables.</summary>
    public static HoconObject Resolve(ObjectNode root) => (HoconObject)new Resolver(root).Resolve(root, [], null)!;

    /// <summary>Resolves <paramref name="node"/> as the value of the key at <paramref name="path"/> (null inside arrays).</summary>
    private HoconValue? ResolveField(Node node, IReadOnlyList<string>? path, Restriction? restriction) =>
        node is SubstitutionNode or ConcatenationNode && path is not null
            ? Resolve(node, path, new Restriction(path, null, restriction))
            : Resolve(node, path, restriction);

    /// <summary>The node's value, or null when it is undefined (an optional substitution that found nothing).</summary>
    private HoconValue? Resolve(Node node, IReadOnlyList<string>? path, Restriction? restriction)
    {
        if (node is ScalarNode scalar) return scalar.Value;
        if (_memo.TryGetValue(node, out var memo)) return memo;
        DepthGuard.Check(node.Origin);
        if (!_active.Add(node)) throw Cycle(node);
        try
        {
            var value = node switch
            {
                ObjectNode o => ResolveObject(o, path, restriction),
                ArrayNode a => new HoconArray(a.Items.Select(i => Resolve(i, null, restriction)).OfType<HoconValue>(), a.Origin),
                SubstitutionNode s => ResolveSubstitution(s, restriction),
                ConcatenationNode c => ResolveConcatenation(c, restriction),
                MergeStackNode m => ResolveStack(m, path, restriction),
                _ => throw new InvalidOperationException($"unexpected node {node.GetType().Name}"),
            };
            _memo[node] = value;
            return value;
        }
        finally
        {
            _active.Remove(node);
        }
    }

    private HoconObject ResolveObject(ObjectNode node, IReadOnlyList<string>? path, Restriction? restriction)
    {
        var fields = new List<KeyValuePair<string, HoconValue>>();
        foreach (var (key, child) in node.Fields)
        {
            var value = ResolveField(child, path is null ? null : [.. path, key], restriction);
            if (value is not null) fields.Add(new(key, value));
        }
        return new HoconObject(fields, node.Origin);
    }

    /// <summary>
    /// Resolves from the top layer down, each layer seeing only the layers beneath it when it refers to its own key.
    /// Lower layers matter only while everything above is an object; a non-object hides what lies under it.
    /// </summary>
    private HoconValue? ResolveStack(MergeStackNode stack, IReadOnlyList<string>? path, Restriction? restriction)
    {
        HoconValue? result = null;
        for (var i = stack.Layers.Count - 1; i >= 0; i--)
        {
            var layer = stack.Layers[i];
            Node? below = i switch
            {
                0 => null,
                1 => stack.Layers[0],
                _ => new MergeStackNode(stack.Layers.Take(i).ToList()),
            };
            var value = layer is SubstitutionNode or ConcatenationNode && path is not null
                ? Resolve(layer, path, new Restriction(path, below, restriction))
                : Resolve(layer, path, restriction);
            if (value is null) continue;
            result = result is HoconObject above && value is HoconObject fallback ? above.WithFallback(fallback) : result ?? value;
            if (result is not HoconObject || value is not HoconObject) break;
        }
        return result;
    }

    private HoconValue? ResolveConcatenation(ConcatenationNode node, Restriction? restriction)
    {
        // Undefined optional substitutions drop out: an empty string, array or object, as the spec says.
        var parts = new List<object>();
        foreach (var piece in node.Pieces)
        {
            if (piece is WhitespaceNode w) parts.Add(w.Text);
            else if (Resolve(piece, null, restriction) is { } value) parts.Add(value);
        }
        var values = parts.OfType<HoconValue>().ToList();
        if (values.Count == 0) return null;
        if (values.All(v => v is HoconObject))
            return values.Cast<HoconObject>().Aggregate((below, above) => above.WithFallback(below));
        if (values.All(v => v is HoconArray))
            return new HoconArray(values.Cast<HoconArray>().SelectMany(a => a), values[0].Origin);
        if (values.Any(v => v is HoconObject or HoconArray))
        {
            var odd = values.First(v => Family(v) != Family(values[0]));
            throw new ConfigErrorException(
                $"cannot concatenate {values[0].Describe()} with {odd.Describe()}: only strings, only arrays or only objects join",
                node.Origin);
        }
        if (parts.Count == 1) return values[0];
        return HoconScalar.String(string.Concat(parts.Select(p => p as string ?? ((HoconScalar)p).Text)), node.Origin);
    }

    private HoconValue? ResolveSubstitution(SubstitutionNode s, Restriction? restriction)
    {
        _trail.Add(s);
        try
        {
            // A substitution from an included file looks first below the point of inclusion, then from the root.
            var selfReference = false;
            IReadOnlyList<string>[] candidates = s.IncludePrefix.Count > 0 ? [[.. s.IncludePrefix, .. s.Path], s.Path] : [s.Path];
            foreach (var candidate in candidates)
            {
                var (state, value) = Lookup(candidate, restriction);
                if (state == LookupState.Found) return value;
                selfReference |= state == LookupState.SelfReference;
            }
            var variable = string.Join('.', s.Path);
            if (Environment.GetEnvironmentVariable(variable) is { } text) return HoconScalar.String(text, s.Origin);
            if (s.Optional) return null;
            throw Unresolved(s, variable, selfReference);
        }
        catch (SubstitutionCycleException) when (s.Optional)
        {
            return null;
        }
        finally
        {
            _trail.RemoveAt(_trail.Count - 1);
        }
    }

    private static HoconValueType Family(HoconValue value) => value is HoconObject or HoconArray ? value.Type : HoconValueType.String;

    /// <summary>
    /// Walks parsed objects as far as the path goes and resolves only the node found there, so a lookup never
    /// resolves an enclosing object. Under a restriction the walk starts from the values below instead of the root.
    /// </summary>
    private (LookupState, HoconValue?) Lookup(IReadOnlyList<string> path, Restriction? restriction)
    {
        Node current = _root;
        var depth = 0;
        for (var r = restriction; r is not null; r = r.Outer)
        {
            if (!r.Covers(path)) continue;
            if (r.Below is null) return (LookupState.SelfReference, null);
            (current, depth) = (r.Below, r.Path.Count);
            break;
        }
        while (depth < path.Count && current is ObjectNode o)
        {
            if (!o.TryGet(path[depth], out current)) return (LookupState.Missing, null);
            depth++;
        }
        return Navigate(ResolveField(current, path.Take(depth).ToList(), restriction), path, depth);
    }

    private static (LookupState, HoconValue?) Navigate(HoconValue? value, IReadOnlyList<string> path, int from)
    {
        for (var i = from; i < path.Count && value is not null; i++)
            value = value is HoconObject o && o.TryGetValue(path[i], out var child) ? child : null;
        return value is null ? (LookupState.Missing, null) : (LookupState.Found, value);
    }

    private SubstitutionCycleException Cycle(Node node) =>
        new($"substitution cycle: {Chain()} leads back to a value that is still being resolved",
            _trail.Count > 0 ? _trail[^1].Origin : node.Origin);

    private ConfigErrorException Unresolved(SubstitutionNode s, string variable, bool selfReference)
    {
        if (selfReference && _trail.Count > 1)
            return new SubstitutionCycleException(
                $"substitution cycle: {Chain()} leads back to `{HoconPath.Render(s.Path)}`, which has no earlier value", s.Origin);
        if (selfReference)
            return new ConfigErrorException(
                $"cannot resolve {s}: it refers to the key it defines, and `{HoconPath.Render(s.Path)}` has no earlier value to build on", s.Origin);
        return new ConfigErrorException(
            $"cannot resolve {s}: nothing is set at `{HoconPath.Render(s.Path)}` and there is no environment variable {variable} " +
            "(write ${?...} if it may be missing)", s.Origin);
    }

    private string Chain() => string.Join(" -> ", _trail.Select(t => $"{t} ({t.Origin})"));

    private enum LookupState
    {
        Found,
        Missing,
        SelfReference,
    }
}
