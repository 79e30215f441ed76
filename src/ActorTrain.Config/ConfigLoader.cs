using System.Reflection;
using ActorTrain.Config.Hocon;
using ActorTrain.Config.Hocon.Parsing;
using ActorTrain.Config.Hocon.Resolution;
using ActorTrain.Config.Hocon.Syntax;

namespace ActorTrain.Config;

/// <summary>
/// Builds the configuration a run uses: the embedded reference.conf, overlaid by the user's file, overlaid by each
/// `--set path=value` in order. All sources merge before substitutions resolve, so a user file or a `--set` may
/// refer to reference values (`actortrain.pipeline.devices = ${actortrain.pipeline.devices} ["cuda:1"]`).
/// </summary>
public static class ConfigLoader
{
    public const string ReferenceOrigin = "reference.conf";

    private static readonly Lazy<string> Reference = new(ReadReference);
    private static readonly Lazy<HoconObject> ReferenceTree = new(() => HoconReader.Parse(ReferenceText, ReferenceOrigin));

    /// <summary>The text of hocon/reference.conf, embedded in this assembly: every key with its default.</summary>
    public static string ReferenceText => Reference.Value;

    /// <summary>reference.conf alone, resolved; the list of known keys that validation checks against.</summary>
    public static HoconObject ReferenceRoot => ReferenceTree.Value;

    /// <summary>Merges reference.conf, <paramref name="userFile"/> (when given) and the <paramref name="sets"/>, then resolves.</summary>
    /// <param name="sets">
    /// `path=value` strings; the value is HOCON, so `pipeline.balance=[3,3]` sets an array. A path that starts with
    /// neither `akka.` nor `actortrain.` is an ActorTrain key: `pipeline.stages=3` sets `actortrain.pipeline.stages`.
    /// </param>
    public static HoconConfig Load(string? userFile, IReadOnlyList<string> sets)
    {
        var root = Parser.Parse(ReferenceText, ReferenceOrigin, IncludeContext.ForText());
        if (userFile is not null)
            root.MergeFrom(Parser.Parse(ConfigSource.ReadFile(userFile), userFile, IncludeContext.ForFile(userFile)));
        foreach (var set in sets) root.MergeFrom(ParseSet(set));
        return new HoconConfig(Resolver.Resolve(root));
    }

    /// <summary>
    /// `path=value` is itself a one-field HOCON document, so `+=`, quoting and arrays work as in a file. A shorthand
    /// path is read as if the document were included under `actortrain`, so `pipeline.devices += "cuda:1"` and
    /// `${run.name}` find the ActorTrain keys first, as in an included file.
    /// </summary>
    private static ObjectNode ParseSet(string set)
    {
        var origin = $"--set '{set}'";
        var separator = set.IndexOfAny(['=', ':']);
        if (separator <= 0 || set[..separator].Trim().Length == 0)
            throw new ConfigErrorException($"expected path=value after --set, found \"{set}\"");
        var text = IncludeContext.ForText();
        var parsed = Parser.Parse(set, origin, text);
        if (parsed.Fields.All(f => ConfigNamespace.IsTopLevel(f.Key))) return parsed;

        var root = new ObjectNode(parsed.Origin);
        root.Set(ConfigNamespace.ActorTrain, Parser.Parse(set, origin, text with { Prefix = [ConfigNamespace.ActorTrain] }));
        return root;
    }

    private static string ReadReference()
    {
        const string name = "ActorTrain.Config.reference.conf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {typeof(ConfigLoader).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
