namespace ActorTrain.Data;

/// <summary>A data file exists but its content is wrong; the message starts with the file's path and says what was expected and what was found.</summary>
public sealed class DataFormatException : DatasetException
{
    public DataFormatException(string filePath, string problem)
        : base($"{filePath}: {problem}")
    {
        FilePath = filePath;
        Problem = problem;
    }

    public DataFormatException(string filePath, string problem, Exception inner)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>The message without the path.</summary>
    public string Problem { get; }
}
