using ActorTrain.Config.Settings;

namespace ActorTrain.Training.Model;

/// <summary>
/// The unit the partitioner places on stages: one weight layer (linear or conv) and the parameter-free or
/// normalising layers that follow it. Shapes are per sample (no batch dimension).
/// </summary>
public sealed record BlockSpec(int Index, IReadOnlyList<LayerSpec> Layers, int[] InputShape, int[] OutputShape, long Parameters)
{
    public int OutputFeatures => OutputShape.Aggregate(1, (a, b) => a * b);

    public string Describe() => string.Join(", ", Layers.Select(l => l.Text));
}
