namespace ActorTrain.Training.Observability;

/// <summary>Test-set evaluation after an epoch. StageLosses is filled in decoupled mode (each stage's own loss).</summary>
public sealed record EvaluationMetrics(
    string Mode,
    int Epoch,
    long Step,
    double Loss,
    double Accuracy,
    long Timestamp,
    IReadOnlyDictionary<string, double>? Extra = null);
