namespace ActorTrain.Training.Hosting;

/// <summary>
/// The Akka dispatcher every computing actor (stages, replicas, subnet workers, the IST server) runs on: a thread of its
/// own per actor, because each handler calls into libtorch and libtorch's intra-op thread count is set per thread.
/// Defined in <see cref="TrainingActorSystem.Defaults"/>; a user's <c>akka { }</c> section may override it.
/// </summary>
public static class StageDispatcher
{
    public const string Id = "akka.actor.stage-dispatcher";
}
