namespace ActorTrain.Actors;

/// <summary>Stop: children first, then <c>PostStop</c>, then tell watchers and the parent.</summary>
internal sealed record Terminate : SystemMessage
{
    public static Terminate Instance { get; } = new();
}
