namespace ActorTrain.Training.Partitioning;

/// <summary>
/// One stage of a partition and its totals. <see cref="BoundaryBytes"/> is what the stage sends to
/// the next one per mini-batch (0 for the last stage), and <see cref="TransferMs"/> the time the link
/// takes for it. The gradient coming back is as large but moves the other way on the link, so it is
/// not counted again.
/// </summary>
public sealed record PartitionStage(
    int Index, StageRange Range, long Parameters, double ComputeMs, long BoundaryBytes, double TransferMs)
{
    /// <summary>The stage's time per mini-batch: what the slowest stage bounds the pipeline by.</summary>
    public double CostMs => ComputeMs + TransferMs;
}
