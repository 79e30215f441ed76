namespace ActorTrain.Actors;

/// <summary>Marks the user messages the runtime acts on before (or instead of) the actor's own handlers.</summary>
internal interface IAutoReceivedMessage;
