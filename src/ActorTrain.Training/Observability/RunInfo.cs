namespace ActorTrain.Training.Observability;

/// <summary>What the run is: mode, shape of the pipeline and the schedule's theoretical bubble share.</summary>
public sealed record RunInfo(
    string Mode,
    string Schedule,
    int Stages,
    int MicroBatches,
    int BatchSize,
    double TheoreticalBubbleShare,
    IReadOnlyList<StageInfo> StageDetails,
    long Timestamp);
