using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>
/// Starts one mini-batch on a stage. Only the first stage gets <paramref name="Inputs"/> and only the last gets
/// <paramref name="Labels"/> (one tensor per micro-batch); the receiver owns them. <paramref name="BatchSize"/> is the
/// whole mini-batch, so each micro-batch's loss is weighted to make the accumulated gradient equal the full batch's.
/// With <paramref name="SnapshotFirst"/> the stage copies its state in memory before it starts the step (recovery).
/// </summary>
internal sealed record RunStep(long Step, int MicroBatches, int BatchSize, IReadOnlyList<Tensor>? Inputs, IReadOnlyList<Tensor>? Labels, bool SnapshotFirst = false)
    : IOwnsTensors
{
    public void DisposeTensors()
    {
        foreach (var t in Inputs ?? []) t.Dispose();
        foreach (var t in Labels ?? []) t.Dispose();
    }
}
