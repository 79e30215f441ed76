namespace ActorTrain.Training.Partitioning;

/// <summary>
/// Totals of any contiguous run of layers taken as one stage, in O(1) from prefix sums, so the
/// partition searches can price every candidate range cheaply.
/// </summary>
internal sealed class StageCostModel
{
    private readonly IReadOnlyList<LayerCost> layers;
    private readonly LinkCost link;
    private readonly double[] computePrefix;
    private readonly long[] parameterPrefix;

    public StageCostModel(IReadOnlyList<LayerCost> layers, LinkCost link)
    {
        this.layers = layers;
        this.link = link;
        computePrefix = new double[layers.Count + 1];
        parameterPrefix = new long[layers.Count + 1];
        for (var layer = 0; layer < layers.Count; layer++)
        {
            computePrefix[layer + 1] = computePrefix[layer] + layers[layer].ComputeMs;
            parameterPrefix[layer + 1] = checked(parameterPrefix[layer] + layers[layer].Parameters);
        }
    }

    public int LayerCount => layers.Count;

    /// <summary>Compute plus outgoing transfer of layers [first, end); the last stage sends nothing on.</summary>
    public double CostMs(int first, int end) =>
        computePrefix[end] - computePrefix[first] + link.TransferMs(BoundaryBytes(end));

    public long Parameters(int first, int end) => parameterPrefix[end] - parameterPrefix[first];

    public Partition Build(IReadOnlyList<StageRange> ranges)
    {
        var stages = ranges.Select((range, index) =>
        {
            var boundary = BoundaryBytes(range.EndLayer);
            return new PartitionStage(
                index,
                range,
                Parameters(range.FirstLayer, range.EndLayer),
                computePrefix[range.EndLayer] - computePrefix[range.FirstLayer],
                boundary,
                link.TransferMs(boundary));
        });
        return new Partition(layers, stages.ToArray());
    }

    private long BoundaryBytes(int end) => end == layers.Count ? 0 : layers[end - 1].OutputBytes;
}
