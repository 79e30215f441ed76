using ActorTrain.Torch;

namespace ActorTrain.Training.Decoupled.Messages;

/// <summary>
/// A test batch travelling forward through the chained stages (inference). The first stage gets no
/// <paramref name="Input"/> and reads the samples itself; later stages get their predecessor's output, which they own.
/// </summary>
internal sealed record EvaluateBatch(long Batch, int[] Indices, long[] Labels, Tensor? Input);
