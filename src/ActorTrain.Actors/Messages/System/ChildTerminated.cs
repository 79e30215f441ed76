namespace ActorTrain.Actors;

/// <summary>Sent by a stopped child to its parent, which frees the name and may finish its own stop or restart.</summary>
internal sealed record ChildTerminated(IInternalActorRef Child) : SystemMessage;
