namespace ActorTrain.Actors;

/// <summary>
/// The profiling seam: told when a user message is queued, taken out for processing, and done (for an async
/// handler, when its task completes). Called on the actors' threads, so it must be thread-safe, quick and must not throw.
/// With no observer installed the runtime pays one null check.
/// </summary>
public interface IMailboxObserver
{
    void OnPosted(ActorPath recipient, object message);

    void OnDequeued(ActorPath recipient, object message);

    void OnProcessed(ActorPath recipient, object message, TimeSpan duration);
}
