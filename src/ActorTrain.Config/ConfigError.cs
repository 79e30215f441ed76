using ActorTrain.Config.Hocon;

namespace ActorTrain.Config;

/// <summary>
/// One validation problem: the full key path (`actortrain.pipeline.micro-batches`, `actortrain.mode-plan[1].mode`),
/// what was expected, what was found, where the value was written, and for unknown keys or names the closest known one.
/// </summary>
public sealed record ConfigError(string Path, string Expected, string Found, HoconOrigin? Origin, string? Suggestion = null)
{
    /// <summary>The key is not in reference.conf (most often a typo; <see cref="Suggestion"/> has the nearest key).</summary>
    public bool IsUnknownKey { get; init; }

    /// <summary>
    /// The key sits at the top level beside `akka` and `actortrain`, most often in a file written before ActorTrain's
    /// keys moved under `actortrain` (<see cref="Suggestion"/> has its key there).
    /// </summary>
    public bool IsTopLevel { get; init; }

    internal static ConfigError UnknownKey(string path, HoconValue value, string? suggestion) =>
        new(path, "a key listed in reference.conf", value.Describe(), value.Origin, suggestion) { IsUnknownKey = true };

    internal static ConfigError UnknownTopLevelKey(string path, HoconValue value, string? suggestion) =>
        new(path, $"a key under {ConfigNamespace.ActorTrain} or {ConfigNamespace.Akka}", value.Describe(), value.Origin, suggestion)
        {
            IsUnknownKey = true,
            IsTopLevel = true,
        };

    /// <summary>The one-line form printed to users: `file:line:col: path: expected X, found Y; did you mean `Z`?`.</summary>
    public override string ToString()
    {
        var where = Origin is { } o ? $"{o}: " : "";
        if (IsTopLevel)
            return $"{where}{Path}: unknown top-level key; ActorTrain keys live under {ConfigNamespace.ActorTrain}" +
                (Suggestion is null ? "" : $" (did you mean `{Suggestion}`?)");
        var hint = Suggestion is null ? "" : $"; did you mean `{Suggestion}`?";
        return IsUnknownKey ? $"{where}{Path}: unknown key{hint}" : $"{where}{Path}: expected {Expected}, found {Found}{hint}";
    }
}
