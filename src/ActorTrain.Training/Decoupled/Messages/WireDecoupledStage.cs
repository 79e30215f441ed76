using ActorTrain.Actors;

namespace ActorTrain.Training.Decoupled.Messages;

/// <summary>Tells a stage its successor (null for the last) and whom to report to; sent once after all stages exist.</summary>
internal sealed record WireDecoupledStage(IActorRef? Next, IActorRef Supervisor);
