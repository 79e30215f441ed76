namespace ActorTrain.Training.Checkpoints;

/// <summary>Where a run stands: the next mini-batch to train is batch <see cref="Batch"/> of <see cref="Epoch"/>; <see cref="Step"/> steps are done.</summary>
internal sealed record RunPosition(int Epoch, int Batch, long Step)
{
    public static RunPosition Start { get; } = new(0, 0, 0);
}
