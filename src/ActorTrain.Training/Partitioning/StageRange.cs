namespace ActorTrain.Training.Partitioning;

/// <summary>The contiguous layers [FirstLayer, FirstLayer + LayerCount) one stage owns.</summary>
public readonly record struct StageRange(int FirstLayer, int LayerCount)
{
    /// <summary>One past the stage's last layer.</summary>
    public int EndLayer => FirstLayer + LayerCount;

    public int LastLayer => EndLayer - 1;
}
