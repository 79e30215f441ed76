namespace ActorTrain.Training.Decoupled.Messages;

/// <summary>
/// One stage's share of a test batch: its own summed loss and its hits (stage 0: outputs nearest to the right class's
/// code; the last stage: correct predictions; others: 0).
/// </summary>
internal sealed record StageEvaluated(int Stage, long Batch, double LossSum, int Correct, int Count);
