using ActorTrain.Actors;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>Tells a stage its neighbours (null at the ends) and whom to report to; sent once after all stages exist.</summary>
public sealed record WireStage(IActorRef? Previous, IActorRef? Next, IActorRef Supervisor);
