namespace ActorTrain.Actors;

/// <summary>The system's dead-letter office: whatever it is sent is published as a <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public ActorSystem System { get; } = system;

    public bool IsTerminated => false;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.PublishDeadLetter(message, ActorCell.ResolveSender(sender), this);
    }

    /// <summary>Watching dead letters yields nothing: it never stops.</summary>
    public void SendSystemMessage(SystemMessage message)
    {
    }

    public override string ToString() => Path.ToString();
}
