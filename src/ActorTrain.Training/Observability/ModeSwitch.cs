namespace ActorTrain.Training.Observability;

/// <summary>The supervisor moved the run from one training mode to another at a drained mini-batch boundary.</summary>
public sealed record ModeSwitch(long Step, int Epoch, string From, string To, string Reason, long Timestamp);
