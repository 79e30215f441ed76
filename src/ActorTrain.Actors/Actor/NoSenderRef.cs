namespace ActorTrain.Actors;

/// <summary>The "nobody" marker behind <see cref="ActorRefs.NoSender"/>; it never appears as a real sender.</summary>
internal sealed class NoSenderRef : IActorRef
{
    public ActorPath Path { get; } = ActorPath.Root("none").Child("no-sender");

    public void Tell(object message, IActorRef? sender = null) =>
        throw new InvalidOperationException("ActorRefs.NoSender is a marker, not an actor; it cannot receive messages.");

    public override string ToString() => "NoSender";
}
