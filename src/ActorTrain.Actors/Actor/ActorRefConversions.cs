namespace ActorTrain.Actors;

internal static class ActorRefConversions
{
    public static IInternalActorRef AsInternal(this IActorRef actor) =>
        actor as IInternalActorRef
        ?? throw new ArgumentException($"{actor.GetType().Name} is not a ref created by an ActorTrain actor system.", nameof(actor));
}
