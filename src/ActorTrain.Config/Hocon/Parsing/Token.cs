namespace ActorTrain.Config.Hocon.Parsing;

/// <summary>
/// One lexical unit. <see cref="Text"/> is the string's content, or the number as written; a substitution carries
/// its already split <see cref="Path"/>.
/// </summary>
internal sealed record Token(TokenKind Kind, string Text, HoconOrigin Origin)
{
    public IReadOnlyList<string> Path { get; init; } = [];
    public bool Optional { get; init; }

    /// <summary>How the token is named in "expected X, found Y" messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Newline => "the end of the line",
        TokenKind.End => "the end of the file",
        TokenKind.Whitespace => "whitespace",
        TokenKind.QuotedString => $"the string \"{Text}\"",
        TokenKind.Substitution => $"the substitution {Text}",
        TokenKind.UnquotedText or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null => $"`{Text}`",
        _ => $"'{Text}'",
    };
}
