namespace ActorTrain.Actors;

/// <summary>Well-known refs.</summary>
public static class ActorRefs
{
    /// <summary>
    /// Pass as the sender to say "nobody": unlike null it also suppresses the implicit sender inside an actor.
    /// The receiver sees <see cref="ActorSystem.DeadLetters"/> as its <c>Sender</c>.
    /// </summary>
    public static readonly IActorRef NoSender = new NoSenderRef();
}
