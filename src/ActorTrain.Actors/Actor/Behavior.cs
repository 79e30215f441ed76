namespace ActorTrain.Actors;

/// <summary>An actor's current message handler: returns false when it does not handle <paramref name="message"/>.</summary>
public delegate bool Behavior(object message);
