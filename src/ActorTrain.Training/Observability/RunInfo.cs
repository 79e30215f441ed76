namespace ActorTrain.Training.Observability;

/// <summary>
/// What the run is: mode, shape of the pipeline and the schedule's theoretical bubble share; for IST also the share of
/// the weights a worker receives per round against the algorithm's prediction.
/// </summary>
public sealed record RunInfo(
    string Mode,
    string Schedule,
    int Stages,
    int MicroBatches,
    int BatchSize,
    double TheoreticalBubbleShare,
    IReadOnlyList<StageInfo> StageDetails,
    long Timestamp,
    SubnetShare? SubnetShare = null);
