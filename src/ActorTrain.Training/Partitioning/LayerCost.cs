namespace ActorTrain.Training.Partitioning;

/// <summary>
/// What one layer costs, per mini-batch: its parameter count, its profiled forward and backward
/// time, and the activation bytes it hands to the next layer (what crosses a stage boundary if a
/// cut falls after it). Times are zero when the layer was not profiled.
/// </summary>
public sealed record LayerCost(string Name, long Parameters, double ForwardMs, double BackwardMs, long OutputBytes)
{
    public double ComputeMs => ForwardMs + BackwardMs;
}
