namespace ActorTrain.Actors;

/// <summary>A queued user message and its sender; a struct so queuing allocates nothing per message.</summary>
internal readonly struct Envelope(object message, IActorRef? sender)
{
    public object Message { get; } = message;

    public IActorRef? Sender { get; } = sender;
}
