namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>Whitespace between two values on one line: kept, because a string concatenation preserves it.</summary>
internal sealed class WhitespaceNode(string text, HoconOrigin origin) : Node(origin)
{
    public string Text { get; } = text;
}
