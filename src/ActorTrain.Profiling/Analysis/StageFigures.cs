namespace ActorTrain.Profiling.Analysis;

/// <summary>What one stage did over a stretch of the run (the whole run or one mode's segments).</summary>
/// <param name="BusyShare">Forward, backward and optimizer-step time over the stretch's wall time.</param>
/// <param name="IdleShare">1 - BusyShare: waiting, sending, receiving, evaluating and anything unrecorded.</param>
/// <param name="PeakBytes">The largest peak tensor memory the stage reported; null if it reported none.</param>
internal sealed record StageFigures(
    int Stage,
    double BusyShare,
    double IdleShare,
    double ForwardMs,
    double BackwardMs,
    double StepMs,
    double WaitMs,
    double SendMs,
    double ReceiveMs,
    double EvaluateMs,
    long BytesIn,
    long BytesOut,
    long? PeakBytes);
