namespace ActorTrain.Actors;

/// <summary>Stops the receiver once it reaches this message: what was queued before it is processed, what came after is dead-lettered.</summary>
public sealed record PoisonPill : IAutoReceivedMessage
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();
}
