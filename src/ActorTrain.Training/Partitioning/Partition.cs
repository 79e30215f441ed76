namespace ActorTrain.Training.Partitioning;

/// <summary>A model's layers cut into contiguous stages, with each stage's totals.</summary>
public sealed record Partition(IReadOnlyList<LayerCost> Layers, IReadOnlyList<PartitionStage> Stages)
{
    /// <summary>Layers per stage, in the form a <c>balance</c> list takes (and a checkpoint manifest records).</summary>
    public IReadOnlyList<int> Balance => Stages.Select(stage => stage.Range.LayerCount).ToArray();

    /// <summary>The stage with the largest cost (the first of them on a tie): the pipeline's bottleneck.</summary>
    public PartitionStage Slowest => Stages.Aggregate((slowest, stage) => stage.CostMs > slowest.CostMs ? stage : slowest);
}
