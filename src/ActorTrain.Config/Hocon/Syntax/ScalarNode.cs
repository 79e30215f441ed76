namespace ActorTrain.Config.Hocon.Syntax;

/// <summary>A string, number, boolean or null written literally: already its final value.</summary>
internal sealed class ScalarNode(HoconScalar value) : Node(value.Origin)
{
    public HoconScalar Value { get; } = value;
}
