namespace ActorTrain.Actors;

/// <summary>How many restarts a <see cref="BackoffSupervisor"/> has scheduled since its last reset.</summary>
public sealed record RestartCount(int Count);
