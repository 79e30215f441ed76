using Akka.Actor;

namespace ActorTrain.Training.Hosting.Messages;

/// <summary>A child threw and was resumed (not restarted: its state is rolled back by its root, not rebuilt by Akka).</summary>
internal sealed record ChildFaulted(IActorRef Child, Exception Cause);
