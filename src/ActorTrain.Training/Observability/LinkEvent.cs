namespace ActorTrain.Training.Observability;

/// <summary>
/// One link-protocol event on the link <see cref="From"/> → <see cref="To"/> about the frame numbered
/// <see cref="Sequence"/>. <see cref="Step"/> and <see cref="MicroBatch"/> are the frame's at hand: for a gap (out of
/// order, resend requested) that is the frame that arrived early, not the missing one.
/// </summary>
/// <param name="Generation">The link generation of the frame (sequence numbers start again with each rollback's generation).</param>
public sealed record LinkEvent(int From, int To, long Sequence, long Step, int MicroBatch, LinkEventKind Kind, long Timestamp, long Generation = 1);
