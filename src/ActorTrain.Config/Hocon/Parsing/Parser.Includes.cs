using ActorTrain.Config.Hocon.Syntax;

namespace ActorTrain.Config.Hocon.Parsing;

/// <summary>`include "file"`, `include file("...")` and `include required(...)`: the included object's fields take the statement's place.</summary>
internal sealed partial class Parser
{
    private ParsedInclude ParseIncludeArgument(Token include)
    {
        // `required(file("x"))` lexes as the unquoted text `required(file(`, a quoted string, then `))`.
        var opening = "";
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline or TokenKind.UnquotedText)
        {
            if (Peek.Kind == TokenKind.UnquotedText) opening += Peek.Text;
            Advance();
        }
        if (Peek.Kind != TokenKind.QuotedString)
            throw Expected("a quoted file name after `include` (include \"file\", include file(\"...\") or include required(file(\"...\")))", Peek);
        var name = Advance();

        var required = opening.StartsWith("required(", StringComparison.Ordinal);
        var kind = required ? opening["required(".Length..] : opening;
        if (kind is "url(" or "classpath(")
            throw new ConfigErrorException($"include {kind}...) is not supported: only files can be included (use file(\"...\"))", include.Origin);
        if (kind is not ("" or "file("))
            throw Expected("\"file\", file(\"...\") or required(...) after `include`", include, $" (found `{opening}`)");

        var closing = "";
        var parens = opening.Count(c => c == '(');
        while (closing.Length < parens && Peek.Kind is TokenKind.Whitespace or TokenKind.UnquotedText)
        {
            if (Peek.Kind == TokenKind.UnquotedText) closing += Peek.Text;
            Advance();
        }
        if (closing != new string(')', parens))
            throw Expected($"{new string(')', parens)} to close `include {opening}`", Peek);
        return new ParsedInclude(name.Text, required, name.Origin);
    }

    private FieldName ParseInclude(ObjectNode target, IReadOnlyList<string> path)
    {
        var include = Advance();
        var (name, required, origin) = ParseIncludeArgument(include);
        var full = Path.IsPathRooted(name) ? name : Path.Combine(_include.BaseDirectory, name);
        // Without an extension the spec loads every known format, JSON before HOCON so HOCON wins.
        string[] candidates = Path.HasExtension(name) ? [full] : [full + ".json", full + ".conf"];
        var found = candidates.Where(File.Exists).ToList();
        if (found.Count == 0 && required)
            throw new ConfigErrorException($"required include \"{name}\" not found (looked for {string.Join(", ", candidates)})", origin);

        foreach (var file in found)
        {
            var absolute = Path.GetFullPath(file);
            if (_include.Chain.Contains(absolute))
                throw new ConfigErrorException(
                    $"include cycle: {string.Join(" -> ", _include.Chain.SkipWhile(f => f != absolute).Append(absolute))}", origin);
            var nested = new IncludeContext(Path.GetDirectoryName(absolute) ?? ".", [.. _include.Prefix, .. path], [.. _include.Chain, absolute]);
            var included = Parse(ConfigSource.ReadFile(file, origin), file, nested);
            foreach (var (key, value) in included.Fields) target.Set(key, value);
        }
        return new FieldName(null, name);
    }

    private readonly record struct ParsedInclude(string Name, bool Required, HoconOrigin Origin);
}
