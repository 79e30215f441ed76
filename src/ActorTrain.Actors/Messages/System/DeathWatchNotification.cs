namespace ActorTrain.Actors;

/// <summary>Sent to each watcher by an actor that has stopped; the watcher turns it into one <see cref="Terminated"/>.</summary>
internal sealed record DeathWatchNotification(IInternalActorRef Actor) : SystemMessage;
