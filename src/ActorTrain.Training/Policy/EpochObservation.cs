namespace ActorTrain.Training.Policy;

/// <summary>
/// What one epoch showed the supervisor: its mode, the test accuracy after it, the share of stage time spent waiting
/// on neighbours, and each stage's compute time (forward, backward, optimizer step) in milliseconds.
/// </summary>
internal sealed record EpochObservation(string Mode, double? Accuracy, double WaitShare, IReadOnlyList<double> StageComputeMs);
