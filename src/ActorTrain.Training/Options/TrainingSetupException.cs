namespace ActorTrain.Training.Options;

/// <summary>The run could not start: the partition, the model, a checkpoint to resume or the stages' shapes are wrong. Nothing was trained.</summary>
public sealed class TrainingSetupException(string message, Exception? inner = null) : Exception(message, inner);
