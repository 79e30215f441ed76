namespace ActorTrain.Training.Model;

/// <summary>A model description that cannot be built (bad layer string, shapes that do not chain).</summary>
public sealed class ModelSpecException(string message) : Exception(message);
