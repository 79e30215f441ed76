using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Settings;

/// <summary>
/// Finds keys under `actortrain` that reference.conf does not define: almost always typos, so each gets the nearest
/// known key. Keys under `akka` are Akka's to check. Any other top-level key most often comes from a file written before
/// ActorTrain's keys moved under `actortrain`, so each of its values is reported with the key it would have there.
/// </summary>
internal static class UnknownKeys
{
    public static void Find(HoconObject config, HoconObject reference, List<ConfigError> errors)
    {
        var actorTrain = (HoconObject)reference[ConfigNamespace.ActorTrain];
        var known = new List<string>();
        CollectPaths(actorTrain, "", known);
        foreach (var (key, value) in config)
        {
            if (key == ConfigNamespace.ActorTrain && value is HoconObject section) Walk(section, actorTrain, "", known, errors);
            else if (!ConfigNamespace.IsTopLevel(key))
            {
                // `actortrian { ... }` is one typo, not one per key below it.
                var path = HoconPath.RenderKey(key);
                if (EditDistance.Closest(key, ConfigNamespace.Names) is { } namespaceTypo)
                    errors.Add(ConfigError.UnknownTopLevelKey(path, value, namespaceTypo));
                else ReportOutside(value, path, known, errors);
            }
        }
    }

    /// <param name="prefix">The path of <paramref name="config"/> below `actortrain`, with a trailing dot.</param>
    private static void Walk(HoconObject config, HoconObject reference, string prefix, List<string> known, List<ConfigError> errors)
    {
        foreach (var (key, value) in config)
        {
            var path = prefix + HoconPath.RenderKey(key);
            if (!reference.TryGetValue(key, out var expected))
                errors.Add(ConfigError.UnknownKey(ConfigNamespace.Qualify(path), value, Qualified(EditDistance.Closest(path, known))));
            else if (value is HoconObject inner && expected is HoconObject innerReference)
                Walk(inner, innerReference, path + ".", known, errors);
        }
    }

    /// <summary>Reports every value below a top-level key other than akka or actortrain, at the line that set it.</summary>
    private static void ReportOutside(HoconValue value, string path, List<string> known, List<ConfigError> errors)
    {
        if (value is HoconObject { Count: > 0 } obj)
        {
            foreach (var (key, inner) in obj) ReportOutside(inner, $"{path}.{HoconPath.RenderKey(key)}", known, errors);
            return;
        }
        errors.Add(ConfigError.UnknownTopLevelKey(path, value, Qualified(EditDistance.Closest(path, known))));
    }

    private static string? Qualified(string? path) => path is null ? null : ConfigNamespace.Qualify(path);

    private static void CollectPaths(HoconObject obj, string prefix, List<string> paths)
    {
        foreach (var (key, value) in obj)
        {
            var path = prefix + HoconPath.RenderKey(key);
            paths.Add(path);
            if (value is HoconObject inner) CollectPaths(inner, path + ".", paths);
        }
    }
}
