namespace ActorTrain.Actors;

/// <summary>Asks a <see cref="BackoffSupervisor"/> how often it restarted its child; answered with <see cref="RestartCount"/>.</summary>
public sealed record GetRestartCount
{
    private GetRestartCount()
    {
    }

    public static GetRestartCount Instance { get; } = new();
}
