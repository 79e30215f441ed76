namespace ActorTrain.Config.Settings;

/// <summary>Whether optimizer state carries over when a mode starts.</summary>
public enum OptimizerStatePolicy
{
    Keep,
    Reset,
}
