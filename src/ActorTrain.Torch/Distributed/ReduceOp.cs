namespace ActorTrain.Torch.Distributed;

/// <summary>How <see cref="ProcessGroup.AllReduce"/> combines the ranks' tensors. Values match the shim's codes.</summary>
public enum ReduceOp
{
    Sum = 0,
    /// <summary>Sum divided by the group size; floating-point tensors only.</summary>
    Average = 1,
    Max = 2,
    Min = 3,
}
