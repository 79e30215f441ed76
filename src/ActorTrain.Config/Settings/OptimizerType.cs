namespace ActorTrain.Config.Settings;

/// <summary>The optimizer every stage runs.</summary>
public enum OptimizerType
{
    Sgd,
    Adam,
}
