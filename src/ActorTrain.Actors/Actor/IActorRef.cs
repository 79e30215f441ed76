namespace ActorTrain.Actors;

/// <summary>
/// A handle to an actor, and the only way to talk to it. Refs are thread-safe and compare by identity; a ref to a
/// stopped actor stays valid and routes what it is sent to dead letters.
/// </summary>
public interface IActorRef
{
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> and returns at once (on a full bounded mailbox it waits for room; see
    /// <see cref="MailboxKind.Bounded"/>). A null sender means "the actor whose turn this thread is running", if any.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);
}
