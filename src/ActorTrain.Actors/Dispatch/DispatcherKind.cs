namespace ActorTrain.Actors;

/// <summary>Which threads run an actor's turns.</summary>
public enum DispatcherKind
{
    /// <summary>The .NET thread pool: cheap, shared, fine for anything that does not block for long.</summary>
    ThreadPool,

    /// <summary>
    /// A dedicated thread for this actor, for compute-bound actors that call into native libraries. Code after an
    /// <c>await</c> in the actor's handlers comes back to that thread too, so thread-local native state holds.
    /// </summary>
    Pinned,
}
