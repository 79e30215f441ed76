namespace ActorTrain.Actors;

/// <summary>A <see cref="BackoffSupervisor"/>'s child, or null while it waits to restart it.</summary>
public sealed record CurrentChild(IActorRef? Ref);
