namespace ActorTrain.Training.Pipeline;

/// <summary>Two neighbouring stages disagree on the shape or dtype of the tensor that crosses their boundary.</summary>
internal sealed class StageShapeException(string message) : Exception(message);
