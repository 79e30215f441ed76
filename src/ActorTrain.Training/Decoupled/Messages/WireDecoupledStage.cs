using ActorTrain.Training.Links;
using Akka.Actor;

namespace ActorTrain.Training.Decoupled.Messages;

/// <summary>Tells a stage its link to its successor (null for the last) and whom to report to; sent once after all stages exist.</summary>
internal sealed record WireDecoupledStage(IStageLink? Next, IActorRef Supervisor);
