namespace ActorTrain.Actors;

/// <summary>Stop taking user messages until a matching <see cref="Resume"/> or <see cref="Recreate"/>.</summary>
internal sealed record Suspend : SystemMessage
{
    public static Suspend Instance { get; } = new();
}
