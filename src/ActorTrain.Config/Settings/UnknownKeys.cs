using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Settings;

/// <summary>Finds keys that reference.conf does not define: almost always typos, so each gets the nearest known key.</summary>
internal static class UnknownKeys
{
    public static void Find(HoconObject config, HoconObject reference, List<ConfigError> errors)
    {
        var known = new List<string>();
        CollectPaths(reference, "", known);
        Walk(config, reference, "", known, errors);
    }

    private static void Walk(HoconObject config, HoconObject reference, string prefix, List<string> known, List<ConfigError> errors)
    {
        foreach (var (key, value) in config)
        {
            var path = prefix + HoconPath.RenderKey(key);
            if (!reference.TryGetValue(key, out var expected))
                errors.Add(ConfigError.UnknownKey(path, value, EditDistance.Closest(path, known)));
            else if (value is HoconObject inner && expected is HoconObject innerReference)
                Walk(inner, innerReference, path + ".", known, errors);
        }
    }

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
