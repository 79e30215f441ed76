namespace ActorTrain.Actors;

/// <summary>How an actor's user-message queue is bounded. System messages are never bounded.</summary>
public enum MailboxKind
{
    Unbounded,

    /// <summary>
    /// At most a fixed number of queued user messages. <c>TellAsync</c> waits asynchronously for room; plain
    /// <c>Tell</c> blocks the calling thread until there is room (or the actor stops, and the message is
    /// dead-lettered). An actor sending to itself never blocks: that send may go over the bound.
    /// </summary>
    Bounded,
}
