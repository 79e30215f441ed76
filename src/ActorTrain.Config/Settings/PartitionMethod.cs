namespace ActorTrain.Config.Settings;

/// <summary>How layers are split into stages: given counts, equal parameter counts, or measured layer times.</summary>
public enum PartitionMethod
{
    /// <summary>Profiled for the pipeline without flush (the async mode's "partition and merge"), parameters otherwise.</summary>
    Auto,
    Balance,
    Parameters,
    Profiled,
}
