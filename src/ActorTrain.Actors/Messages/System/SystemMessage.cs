namespace ActorTrain.Actors;

/// <summary>A runtime message: queued apart from user messages and always processed before them.</summary>
internal abstract record SystemMessage;
