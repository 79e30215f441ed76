namespace ActorTrain.Actors;

/// <summary>Makes the receiver fail with <see cref="ActorKilledException"/>, so its supervisor decides (stop, by default).</summary>
public sealed record Kill : IAutoReceivedMessage
{
    private Kill()
    {
    }

    public static Kill Instance { get; } = new();
}
