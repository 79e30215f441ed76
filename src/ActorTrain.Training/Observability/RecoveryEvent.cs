namespace ActorTrain.Training.Observability;

/// <summary>
/// What the pipeline supervisor did about one stage failure: where and when it was detected and by what, then either a
/// rollback to the snapshot before <see cref="RolledBackTo"/> (training again from <see cref="ResumedAt"/>, back where it
/// had been at <see cref="CaughtUpAt"/>, null when the run ended or failed again first) or a stop.
/// <see cref="StepsReplayed"/> counts the completed steps thrown away and trained again. Timestamps are the clock's.
/// A checkpoint that could not be written is reported with <see cref="Stage"/> = -1 and <see cref="RolledBackTo"/> the step
/// of the committed checkpoint that stays (-1: none).
/// </summary>
public sealed record RecoveryEvent(
    int Stage, long Step, string DetectedBy, string Cause, long DetectedAt, RecoveryAction Action,
    long RolledBackTo, long StepsReplayed, long? ResumedAt, long? CaughtUpAt);
