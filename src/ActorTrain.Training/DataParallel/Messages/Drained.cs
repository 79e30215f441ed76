namespace ActorTrain.Training.DataParallel.Messages;

/// <summary>A replica has applied every update sent before <see cref="Drain"/>: its model is final.</summary>
internal sealed record Drained(int Replica);
