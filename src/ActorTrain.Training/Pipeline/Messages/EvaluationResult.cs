namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>Summed loss and correct predictions of one test batch.</summary>
internal sealed record EvaluationResult(long Batch, double LossSum, int Correct, int Count);
