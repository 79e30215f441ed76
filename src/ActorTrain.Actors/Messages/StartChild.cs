namespace ActorTrain.Actors;

/// <summary>A <see cref="BackoffSupervisor"/>'s note to itself that a backoff delay is over.</summary>
internal sealed record StartChild
{
    public static StartChild Instance { get; } = new();
}
