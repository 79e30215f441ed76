namespace ActorTrain.Config.Settings;

/// <summary>The loss between a stage's output and its target code.</summary>
public enum DecoupledLoss
{
    Mse,
    Cosine,
}
