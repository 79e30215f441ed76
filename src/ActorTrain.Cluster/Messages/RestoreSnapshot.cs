using Akka.Actor;

namespace ActorTrain.Cluster.Messages;

/// <summary>
/// The in-memory snapshot taken before <paramref name="Step"/> that a re-placement rolls back to, and for each stage
/// the node actor holding a copy of it (its own worker's, or the replica on its buddy), which the stage's new host asks
/// for with <see cref="SendSnapshot"/> unless it holds the copy itself.
/// </summary>
public sealed record RestoreSnapshot(long Step, IActorRef[] Holders);
