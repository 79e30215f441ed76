namespace ActorTrain.Actors;

/// <summary>Sent to <paramref name="Watchee"/>: forget <paramref name="Watcher"/>.</summary>
internal sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;
