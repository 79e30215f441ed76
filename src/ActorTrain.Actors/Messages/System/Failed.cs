namespace ActorTrain.Actors;

/// <summary>Sent by a failed child to its parent, which asks its supervisor strategy what to do.</summary>
internal sealed record Failed(IInternalActorRef Child, Exception Cause, object? Message) : SystemMessage;
