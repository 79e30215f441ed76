namespace ActorTrain.Actors;

/// <summary>Sent to <paramref name="Watchee"/>: notify <paramref name="Watcher"/> when you stop (at once if already stopped).</summary>
internal sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;
