namespace ActorTrain.Config.Settings;

/// <summary>How layers are split into stages: given counts, equal parameter counts, or measured layer times.</summary>
public enum PartitionMethod
{
    Balance,
    Parameters,
    Profiled,
}
