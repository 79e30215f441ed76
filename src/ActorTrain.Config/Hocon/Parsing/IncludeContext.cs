namespace ActorTrain.Config.Hocon.Parsing;

/// <summary>
/// What a parser needs to follow `include`: the directory relative names resolve against (never the working
/// directory, as the spec says), the path the current file is included at, and the files already open (cycles).
/// </summary>
internal sealed record IncludeContext(string BaseDirectory, IReadOnlyList<string> Prefix, IReadOnlyList<string> Chain)
{
    public static IncludeContext ForFile(string path) =>
        new(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", [], [Path.GetFullPath(path)]);

    /// <summary>Text with no file of its own (reference.conf, `--set`): relative includes resolve from the working directory.</summary>
    public static IncludeContext ForText() => new(Directory.GetCurrentDirectory(), [], []);
}
