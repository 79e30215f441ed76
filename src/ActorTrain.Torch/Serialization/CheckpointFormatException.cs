namespace ActorTrain.Torch.Serialization;

/// <summary>
/// A checkpoint file that cannot be trusted: truncated, corrupted or not in the safetensors format.
/// Thrown instead of returning weights, so a damaged file never turns into silently wrong training.
/// </summary>
public sealed class CheckpointFormatException : IOException
{
    public CheckpointFormatException(string path, string problem)
        : base($"checkpoint '{path}' is unusable: {problem}")
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that was being read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}
