namespace ActorTrain.Actors;

/// <summary>Published on the event stream when an actor has no handler for a message.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
