using ActorTrain.Config.Hocon.Syntax;

namespace ActorTrain.Config.Hocon.Parsing;

/// <summary>
/// Recursive descent over tokens into an unresolved <see cref="ObjectNode"/>. Repeated keys merge as they are read;
/// substitutions stay as nodes for the resolver, which runs once every source is merged.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly IncludeContext _include;
    private int _pos;

    private Parser(List<Token> tokens, IncludeContext include)
    {
        _tokens = tokens;
        _include = include;
    }

    public static ObjectNode Parse(string text, string origin, IncludeContext include) =>
        new Parser(Lexer.Tokenize(text, origin), include).ParseDocument();

    private Token Peek => _tokens[_pos];

    private Token Advance() => _tokens[_pos++];

    private ObjectNode ParseDocument()
    {
        SkipBlank();
        var first = Peek;
        if (first.Kind == TokenKind.OpenBracket)
            throw new ConfigErrorException("the root of a configuration must be an object, found an array", first.Origin);
        var root = new ObjectNode(first.Origin);
        if (first.Kind == TokenKind.OpenBrace)
        {
            Advance();
            ParseFields(root, [], first);
            SkipBlank();
            if (Peek.Kind != TokenKind.End)
                throw Expected("the end of the file after the root object's closing '}'", Peek);
        }
        else ParseFields(root, [], open: null);
        return root;
    }

    /// <summary>Reads fields into <paramref name="target"/> until the closing brace, or the end of the file for a root without braces.</summary>
    private void ParseFields(ObjectNode target, IReadOnlyList<string> path, Token? open)
    {
        while (true)
        {
            SkipBlank();
            var t = Peek;
            if (t.Kind == TokenKind.CloseBrace)
            {
                if (open is null) throw new ConfigErrorException("unbalanced '}': no '{' opened it", t.Origin);
                Advance();
                return;
            }
            if (t.Kind == TokenKind.End)
            {
                if (open is not null) throw Expected($"'}}' to close the object opened at line {open.Origin.Line}, column {open.Origin.Column}", t);
                return;
            }
            if (t.Kind == TokenKind.Comma) throw Expected("a key (a comma must follow a field, and only one)", t);

            var what = t is { Kind: TokenKind.UnquotedText, Text: "include" } ? ParseInclude(target, path) : ParseField(target, path);

            if (TakeComma()) continue;
            t = Peek;
            if (t.Kind is not (TokenKind.Newline or TokenKind.CloseBrace or TokenKind.End))
                throw Expected($"',', a newline or '}}' after {what}", t, ValueHint(t));
        }
    }

    /// <summary>Reads `key = value`, `key : value`, `key += value` or `key { ... }`; returns how to name it in errors.</summary>
    private FieldName ParseField(ObjectNode target, IReadOnlyList<string> path)
    {
        var key = new PathBuilder();
        var keyStart = Peek;
        while (true)
        {
            var t = Peek;
            if (t.Kind == TokenKind.QuotedString) key.AppendQuoted(t.Text);
            else if (t.Kind == TokenKind.Whitespace) key.AppendWhitespace(t.Text);
            else if (t.Kind is TokenKind.UnquotedText or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null)
                key.AppendUnquoted(t.Text, t.Origin);
            else if (t.Kind == TokenKind.Substitution)
                throw new ConfigErrorException("substitutions are not allowed in keys", t.Origin);
            else break;
            Advance();
        }
        if (key.IsEmpty) throw Expected("a key", keyStart);
        var keyPath = key.Build(Peek.Origin);
        var fieldPath = path.Concat(keyPath).ToList();

        var sep = Peek;
        Node value;
        switch (sep.Kind)
        {
            case TokenKind.OpenBrace:
                value = ParseValue(fieldPath, sep);
                break;
            case TokenKind.Colon or TokenKind.Equals:
                Advance();
                SkipSpaces();
                value = ParseValue(fieldPath, sep);
                break;
            case TokenKind.PlusEquals:
                Advance();
                SkipSpaces();
                // `a += v` is `a = ${?a} [v]`, as the spec defines it.
                var element = ParseValue(fieldPath, sep);
                var self = new SubstitutionNode(fieldPath, optional: true, _include.Prefix, sep.Origin);
                value = ConcatenationNode.Append(self, new ArrayNode([element], element.Origin));
                break;
            default:
                throw Expected($"':', '=' or '{{' after the key `{HoconPath.Render(keyPath)}`", sep);
        }
        target.SetPath(keyPath, value);
        return new FieldName(fieldPath);
    }

    /// <summary>A value concatenation: simple values, substitutions, objects and arrays side by side until the line or element ends.</summary>
    private Node ParseValue(IReadOnlyList<string> path, Token after)
    {
        DepthGuard.Check(Peek.Origin);
        var pieces = new List<Node>();
        while (true)
        {
            var t = Peek;
            switch (t.Kind)
            {
                case TokenKind.Whitespace: pieces.Add(new WhitespaceNode(t.Text, t.Origin)); break;
                case TokenKind.QuotedString or TokenKind.UnquotedText: pieces.Add(Scalar(HoconValueType.String, t)); break;
                case TokenKind.Number: pieces.Add(Scalar(HoconValueType.Number, t)); break;
                case TokenKind.True or TokenKind.False: pieces.Add(Scalar(HoconValueType.Boolean, t)); break;
                case TokenKind.Null: pieces.Add(Scalar(HoconValueType.Null, t)); break;
                case TokenKind.Substitution: pieces.Add(new SubstitutionNode(t.Path, t.Optional, _include.Prefix, t.Origin)); break;
                case TokenKind.OpenBrace:
                    Advance();
                    var obj = new ObjectNode(t.Origin);
                    ParseFields(obj, path, t);
                    pieces.Add(obj);
                    continue;
                case TokenKind.OpenBracket:
                    pieces.Add(ParseArray(path));
                    continue;
                default:
                    while (pieces.Count > 0 && pieces[^1] is WhitespaceNode) pieces.RemoveAt(pieces.Count - 1);
                    if (pieces.Count == 0) throw Expected($"a value after {after.Describe()}", t, ValueHint(t));
                    return ConcatenationNode.Create(pieces);
            }
            Advance();
        }
    }

    private ArrayNode ParseArray(IReadOnlyList<string> path)
    {
        var open = Advance();
        var items = new List<Node>();
        while (true)
        {
            SkipBlank();
            var t = Peek;
            if (t.Kind == TokenKind.CloseBracket)
            {
                Advance();
                return new ArrayNode(items, open.Origin);
            }
            if (t.Kind == TokenKind.End) throw Unclosed(open, t);
            if (t.Kind == TokenKind.Comma) throw Expected("an array element (a comma must follow an element, and only one)", t);
            items.Add(ParseValue(path, open));
            if (TakeComma()) continue;
            t = Peek;
            if (t.Kind == TokenKind.End) throw Unclosed(open, t);
            if (t.Kind is not (TokenKind.Newline or TokenKind.CloseBracket))
                throw Expected("',', a newline or ']' after an array element", t, ValueHint(t));
        }
    }

    private static ScalarNode Scalar(HoconValueType type, Token t) => new(new HoconScalar(type, t.Text, t.Origin));

    /// <summary>After a field or an element: takes one comma (two in a row are an error) and says whether there was one.</summary>
    private bool TakeComma()
    {
        SkipSpaces();
        if (Peek.Kind != TokenKind.Comma) return false;
        Advance();
        SkipBlank();
        if (Peek.Kind == TokenKind.Comma) throw new ConfigErrorException("two commas in a row", Peek.Origin);
        return true;
    }

    private void SkipSpaces()
    {
        while (Peek.Kind == TokenKind.Whitespace) Advance();
    }

    private void SkipBlank()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline) Advance();
    }

    private static string ValueHint(Token t) => t.Kind is TokenKind.Colon or TokenKind.Equals
        ? $" ('{t.Text}' cannot appear in an unquoted value; put the value in double quotes)"
        : "";

    private static ConfigErrorException Unclosed(Token open, Token found) =>
        Expected($"']' to close the array opened at line {open.Origin.Line}, column {open.Origin.Column}", found);

    private static ConfigErrorException Expected(string what, Token found, string hint = "") =>
        new($"expected {what}, found {found.Describe()}{hint}", found.Origin);
}
