namespace ActorTrain.Actors;

/// <summary>Thrown inside an actor that received <see cref="Kill"/>; the default decider stops it.</summary>
public sealed class ActorKilledException(string message) : Exception(message);
