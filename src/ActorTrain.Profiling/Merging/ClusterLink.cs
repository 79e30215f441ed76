namespace ActorTrain.Profiling.Merging;

/// <summary>
/// One direction of one stage boundary between two workers: what went over Gloo (sends as the sender recorded them,
/// receives as the receiver did) and the time spent in them.
/// </summary>
internal sealed record ClusterLink(int FromStage, int ToStage, int FromRank, int ToRank, long Sends, long Bytes, double SendMs, long Receives, double ReceiveMs);
