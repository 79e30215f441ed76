using ActorTrain.Training.Links;
using Akka.Actor;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>
/// Tells a stage its links to its neighbours (null at the ends), the receiving end of the link protocol (null: links
/// without it) and whom to report to; sent once after all stages exist (and again, of a new generation, with each
/// rollback). <paramref name="CheckFinite"/>: fail on a NaN or infinite activation, gradient or loss (recovery is on).
/// </summary>
internal sealed record WireStage(IStageLink? Previous, IStageLink? Next, IActorRef Supervisor, LinkInbox? Inbox = null, bool CheckFinite = false);
