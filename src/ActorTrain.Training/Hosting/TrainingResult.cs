namespace ActorTrain.Training.Hosting;

/// <summary>
/// How a run ended: steps and samples trained, the last test accuracy and loss, wall time, and whether it stopped early
/// on an interrupt (then <see cref="CheckpointDirectory"/> is where <c>--resume</c> continues).
/// </summary>
public sealed record TrainingResult(
    long Steps,
    long Samples,
    double? TestAccuracy,
    double? TestLoss,
    double LastTrainLoss,
    TimeSpan Elapsed,
    string? CheckpointDirectory,
    bool Interrupted = false);
