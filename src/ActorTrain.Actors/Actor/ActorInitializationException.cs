namespace ActorTrain.Actors;

/// <summary>An actor's constructor or <c>PreStart</c> (or its restart hooks) threw; the default decider stops it.</summary>
public sealed class ActorInitializationException(IActorRef actor, string message, Exception inner) : Exception(message, inner)
{
    public IActorRef Actor { get; } = actor;
}
