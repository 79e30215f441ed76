namespace ActorTrain.Torch.NN;

/// <summary>How a loss reduces per-element losses. The values are at::Reduction codes.</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}
