namespace ActorTrain.Actors;

/// <summary>Published by a <see cref="BackoffSupervisor"/> when it schedules the restart of its child.</summary>
public sealed record BackoffRestartScheduled(IActorRef Supervisor, int RestartCount, TimeSpan Delay);
