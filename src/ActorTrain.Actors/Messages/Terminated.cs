namespace ActorTrain.Actors;

/// <summary>A watched actor has stopped. Delivered once per <c>Watch</c>, also when the actor was already dead when watched.</summary>
public sealed record Terminated(IActorRef ActorRef) : IAutoReceivedMessage;
