namespace ActorTrain.Config.Settings;

/// <summary>How synthetic label codes are drawn.</summary>
public enum CodeDistribution
{
    Uniform,
    Normal,
    Orthogonal,
}
