using ActorTrain.Config.Hocon.Parsing;
using ActorTrain.Config.Hocon.Resolution;

namespace ActorTrain.Config.Hocon;

/// <summary>
/// Reads HOCON (and therefore JSON) into a resolved <see cref="HoconObject"/>. Errors are
/// <see cref="ConfigErrorException"/>s naming the file, line and column.
/// </summary>
public static class HoconReader
{
    /// <summary>Parses and resolves <paramref name="text"/>; <paramref name="origin"/> names it in errors. Relative includes resolve from the working directory.</summary>
    public static HoconObject Parse(string text, string origin) =>
        Resolver.Resolve(Parser.Parse(text, origin, IncludeContext.ForText()));

    /// <summary>Parses and resolves a file; relative includes resolve from the file's directory.</summary>
    public static HoconObject ParseFile(string path) =>
        Resolver.Resolve(Parser.Parse(ConfigSource.ReadFile(path), path, IncludeContext.ForFile(path)));
}
