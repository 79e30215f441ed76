using ActorTrain.Torch;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>A test batch travelling forward only (no autograd); the last stage answers with <see cref="EvaluationResult"/>.</summary>
public sealed record Evaluate(long Batch, Tensor Input, Tensor Labels);
