namespace ActorTrain.Training.Supervision;

/// <summary>How a run ended: steps and samples trained, the last test accuracy and loss, wall time.</summary>
public sealed record TrainingResult(
    long Steps,
    long Samples,
    double? TestAccuracy,
    double? TestLoss,
    double LastTrainLoss,
    TimeSpan Elapsed,
    string? CheckpointDirectory);
