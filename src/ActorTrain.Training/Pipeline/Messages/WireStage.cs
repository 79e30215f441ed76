using ActorTrain.Training.Links;
using Akka.Actor;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>
/// Tells a stage its links to its neighbours (null at the ends), the receiving end of the link protocol (null: links
/// without it) and whom to report to; sent once after all stages exist (and again, of a new generation, with each
/// rollback). <paramref name="CheckFinite"/>: fail on a NaN or infinite activation, gradient or loss (recovery is on).
/// <paramref name="HandSnapshotsOver"/>: each snapshot goes to the supervisor in a <see cref="SnapshotTaken"/> instead of
/// staying with the stage (a clustered worker keeps and replicates them; its stages never roll back in place).
/// </summary>
internal sealed record WireStage(IStageLink? Previous, IStageLink? Next, IActorRef Supervisor, LinkInbox? Inbox = null, bool CheckFinite = false,
    bool HandSnapshotsOver = false);
