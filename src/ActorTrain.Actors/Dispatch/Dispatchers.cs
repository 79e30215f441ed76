namespace ActorTrain.Actors;

/// <summary>Akka-style spelling for <see cref="Props.WithDispatcher"/>: <c>.WithDispatcher(Dispatchers.Pinned)</c>.</summary>
public static class Dispatchers
{
    public const DispatcherKind ThreadPool = DispatcherKind.ThreadPool;

    public const DispatcherKind Pinned = DispatcherKind.Pinned;
}
