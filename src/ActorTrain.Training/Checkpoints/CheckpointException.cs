namespace ActorTrain.Training.Checkpoints;

/// <summary>A checkpoint that cannot be used to resume: missing, incomplete, or for a different model or partition.</summary>
public sealed class CheckpointException(string message) : Exception(message);
