using System.Globalization;
using System.Text;

namespace ActorTrain.Config.Hocon.Parsing;

/// <summary>
/// Turns HOCON text into tokens. Comments are dropped; newlines and the whitespace between values are kept because
/// they separate fields and take part in value concatenation.
/// </summary>
internal sealed class Lexer
{
    // Characters the spec forbids in unquoted strings, besides whitespace and the start of `//`.
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _file;
    private readonly List<Token> _tokens = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public static List<Token> Tokenize(string text, string file)
    {
        var lexer = new Lexer(text, file);
        lexer.Run();
        return lexer._tokens;
    }

    public static bool IsWhitespace(char c) =>
        c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF' || c is >= '\u001C' and <= '\u001F');

    public static bool IsForbidden(char c) => Forbidden.Contains(c);

    private HoconOrigin Here => new(_file, _line, _pos - _lineStart + 1);

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool AtEnd(int ahead = 0) => _pos + ahead >= _text.Length;

    private void Run()
    {
        while (!AtEnd())
        {
            var c = Peek();
            var at = Here;
            if (c == '\n')
            {
                Emit(TokenKind.Newline, "\n", at);
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (IsWhitespace(c)) Emit(TokenKind.Whitespace, ReadWhile(IsWhitespace), at);
            else if (c == '#' || (c == '/' && Peek(1) == '/')) ReadWhile(ch => ch != '\n');
            else ReadToken(c, at);
        }
        Emit(TokenKind.End, "", Here);
    }

    private void ReadToken(char c, HoconOrigin at)
    {
        switch (c)
        {
            case '{': Punct(TokenKind.OpenBrace, at); break;
            case '}': Punct(TokenKind.CloseBrace, at); break;
            case '[': Punct(TokenKind.OpenBracket, at); break;
            case ']': Punct(TokenKind.CloseBracket, at); break;
            case ',': Punct(TokenKind.Comma, at); break;
            case ':': Punct(TokenKind.Colon, at); break;
            case '=': Punct(TokenKind.Equals, at); break;
            case '+':
                if (Peek(1) != '=') throw Error("'+' may appear outside quotes only as '+='; quote the text to use it", at);
                _pos += 2;
                Emit(TokenKind.PlusEquals, "+=", at);
                break;
            case '"':
                if (Peek(1) == '"' && Peek(2) == '"') Emit(TokenKind.QuotedString, ReadTripleQuoted(at), at);
                else Emit(TokenKind.QuotedString, ReadQuoted(at), at);
                break;
            case '$': ReadSubstitution(at); break;
            default:
                if (IsForbidden(c))
                    throw Error($"'{c}' is not allowed in an unquoted string; put the text in double quotes", at);
                if (!TryReadNumber(at)) ReadUnquoted(at);
                break;
        }
    }

    private void Punct(TokenKind kind, HoconOrigin at)
    {
        Emit(kind, _text[_pos].ToString(), at);
        _pos++;
    }

    private void Emit(TokenKind kind, string text, HoconOrigin at) => _tokens.Add(new Token(kind, text, at));

    private string ReadWhile(Func<char, bool> keep)
    {
        var start = _pos;
        while (!AtEnd() && keep(Peek())) _pos++;
        return _text[start.._pos];
    }

    private bool EndsUnquoted(char c) => c == '\n' || IsWhitespace(c) || IsForbidden(c);

    private void ReadUnquoted(HoconOrigin at)
    {
        var start = _pos;
        while (!AtEnd() && !EndsUnquoted(Peek()) && !(Peek() == '/' && Peek(1) == '/')) _pos++;
        var text = _text[start.._pos];
        var kind = text switch
        {
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            _ => TokenKind.UnquotedText,
        };
        Emit(kind, text, at);
    }

    /// <summary>
    /// Reads a JSON number if one starts here. What follows it (`ms` in `500ms`) becomes a separate token, which
    /// value concatenation joins back, so `10.0bar` is a string and `10.0foo` as a key is the path `10`, `0foo`.
    /// </summary>
    private bool TryReadNumber(HoconOrigin at)
    {
        var i = _pos;
        if (Char(i) == '-') i++;
        if (!char.IsAsciiDigit(Char(i))) return false;
        if (Char(i) == '0') i++;
        else
            while (char.IsAsciiDigit(Char(i))) i++;
        if (Char(i) == '.' && char.IsAsciiDigit(Char(i + 1)))
        {
            i++;
            while (char.IsAsciiDigit(Char(i))) i++;
        }
        if (Char(i) is 'e' or 'E')
        {
            var j = i + 1;
            if (Char(j) is '+' or '-') j++;
            if (char.IsAsciiDigit(Char(j)))
            {
                i = j;
                while (char.IsAsciiDigit(Char(i))) i++;
            }
        }
        Emit(TokenKind.Number, _text[_pos..i], at);
        _pos = i;
        return true;
    }

    private char Char(int index) => index < _text.Length ? _text[index] : '\0';

    private string ReadQuoted(HoconOrigin at)
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd()) throw Error("unterminated quoted string: expected a closing '\"'", at);
            var c = Peek();
            if (c == '"')
            {
                _pos++;
                return sb.ToString();
            }
            if (c == '\n')
                throw Error("a quoted string cannot span lines: expected a closing '\"' (use \"\"\" for a multi-line string)", at);
            if (c < ' ') throw Error($"control character U+{(int)c:X4} in a quoted string; escape it", Here);
            if (c == '\\') sb.Append(ReadEscape());
            else
            {
                sb.Append(c);
                _pos++;
            }
        }
    }

    private string ReadEscape()
    {
        var at = Here;
        var e = Peek(1);
        _pos += 2;
        switch (e)
        {
            case '"': return "\"";
            case '\\': return "\\";
            case '/': return "/";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
                if (_pos + 4 <= _text.Length &&
                    int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    _pos += 4;
                    return ((char)code).ToString();
                }
                throw Error("expected four hex digits after \\u", at);
            default:
                throw Error($"invalid escape '\\{e}' in a quoted string; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at);
        }
    }

    /// <summary>Everything up to the closing `"""` is kept as is; quotes beyond three at the end belong to the string.</summary>
    private string ReadTripleQuoted(HoconOrigin at)
    {
        _pos += 3;
        var start = _pos;
        while (true)
        {
            if (AtEnd()) throw Error("unterminated multi-line string: expected a closing \"\"\"", at);
            if (Peek() == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                var run = 3;
                while (Peek(run) == '"') run++;
                var text = _text[start..(_pos + run - 3)];
                _pos += run;
                return text;
            }
            if (Peek() == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            _pos++;
        }
    }

    private void ReadSubstitution(HoconOrigin at)
    {
        if (Peek(1) != '{') throw Error("'$' must start a substitution such as ${a.b}; quote the text to use a literal '$'", at);
        _pos += 2;
        var optional = false;
        if (Peek() == '?')
        {
            optional = true;
            _pos++;
        }
        var path = new PathBuilder();
        while (true)
        {
            var here = Here;
            if (AtEnd() || Peek() == '\n') throw Error("expected '}' to close the substitution", at);
            var c = Peek();
            if (c == '}')
            {
                if (path.IsEmpty) throw Error("empty substitution: expected a path such as ${a.b}", at);
                var elements = path.Build(here);
                _pos++;
                var text = (optional ? "${?" : "${") + HoconPath.Render(elements) + "}";
                _tokens.Add(new Token(TokenKind.Substitution, text, at) { Path = elements, Optional = optional });
                return;
            }
            if (c == '"') path.AppendQuoted(Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted(here) : ReadQuoted(here));
            else if (IsWhitespace(c)) path.AppendWhitespace(ReadWhile(IsWhitespace));
            else if (IsForbidden(c)) throw Error($"unexpected '{c}' in the path of a substitution; expected a path such as ${{a.b}}", here);
            else
            {
                var start = _pos;
                while (!AtEnd() && !EndsUnquoted(Peek())) _pos++;
                path.AppendUnquoted(_text[start.._pos], here);
            }
        }
    }

    private static ConfigErrorException Error(string reason, HoconOrigin at) => new(reason, at);
}
