namespace ActorTrain.Actors;

/// <summary>
/// An actor did not handle the <see cref="Terminated"/> of an actor it watched. As in Akka, watching without handling
/// means "I cannot live without it", so the watcher fails; the default decider stops it.
/// </summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"{deadActor.Path} terminated and its watcher did not handle the Terminated message.")
{
    public IActorRef DeadActor { get; } = deadActor;
}
