using ActorTrain.Actors;

namespace ActorTrain.Actors.Tests;

internal static class ActorRefTestExtensions
{
    public static IInternalActorRef AsInternalForTest(this IActorRef actor) => actor.AsInternal();
}
