namespace ActorTrain.Training.Decoupled.Messages;

/// <summary>
/// One mini-batch for a decoupled stage: which samples and their labels, nothing else. The first stage reads the
/// samples' features itself; the others build their inputs from the labels (or, sequential, from the predecessor).
/// </summary>
internal sealed record TrainBatch(int Epoch, long Step, int[] Indices, long[] Labels)
{
    /// <summary>What this message carries across the boundary.</summary>
    public long Bytes => Indices.Length * (long)sizeof(int) + Labels.Length * (long)sizeof(long);
}
