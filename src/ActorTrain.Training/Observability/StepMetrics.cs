namespace ActorTrain.Training.Observability;

/// <summary>A finished mini-batch (or IST round): its mean loss and how many samples it covered.</summary>
public sealed record StepMetrics(string Mode, int Epoch, long Step, double Loss, int Samples, long Timestamp);
