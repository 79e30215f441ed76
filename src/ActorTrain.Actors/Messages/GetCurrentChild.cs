namespace ActorTrain.Actors;

/// <summary>Asks a <see cref="BackoffSupervisor"/> for its child; answered with <see cref="CurrentChild"/>.</summary>
public sealed record GetCurrentChild
{
    private GetCurrentChild()
    {
    }

    public static GetCurrentChild Instance { get; } = new();
}
