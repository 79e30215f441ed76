namespace ActorTrain.Config.Hocon.Parsing;

internal enum TokenKind
{
    Whitespace,
    Newline,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    Number,
    True,
    False,
    Null,
    Substitution,
    End,
}
