using ActorTrain.Config.Hocon.Parsing;

namespace ActorTrain.Config.Hocon;

/// <summary>Path expressions as API callers write them (`pipeline.micro-batches`, `a."b.c"`), parsed and rendered.</summary>
internal static class HoconPath
{
    public static IReadOnlyList<string> Parse(string path)
    {
        var builder = new PathBuilder();
        var tokens = Lexer.Tokenize(path, "path expression");
        foreach (var t in tokens)
        {
            switch (t.Kind)
            {
                case TokenKind.QuotedString: builder.AppendQuoted(t.Text); break;
                case TokenKind.Whitespace: builder.AppendWhitespace(t.Text); break;
                case TokenKind.UnquotedText or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null:
                    builder.AppendUnquoted(t.Text, t.Origin);
                    break;
                case TokenKind.End:
                    if (builder.IsEmpty) throw new ConfigErrorException($"`{path}` is not a path: it is empty", t.Origin);
                    return builder.Build(t.Origin);
                default:
                    throw new ConfigErrorException($"`{path}` is not a path: unexpected {t.Describe()}", t.Origin);
            }
        }
        throw new InvalidOperationException("the lexer always ends with an End token");
    }

    public static string Render(IEnumerable<string> elements) => string.Join('.', elements.Select(RenderKey));

    /// <summary>A key unquoted when it reads back as the same single path element, quoted otherwise.</summary>
    public static string RenderKey(string key) => IsPlainKey(key) ? key : Quote(key);

    public static string Quote(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ') sb.Append($"\\u{(int)c:x4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool IsPlainKey(string key) =>
        key.Length > 0 && key != "include" && !char.IsAsciiDigit(key[0]) && key[0] != '-' && !key.Contains("//") &&
        key.All(c => c != '.' && c != '\n' && !Lexer.IsWhitespace(c) && !Lexer.IsForbidden(c));
}
