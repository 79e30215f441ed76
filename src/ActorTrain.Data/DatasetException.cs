namespace ActorTrain.Data;

/// <summary>
/// A dataset could not be loaded: an unknown name or split, a missing directory or file, or (as
/// <see cref="DataFormatException"/>) a file whose content is wrong. Callers map it to "bad input" (exit code 2).
/// </summary>
public class DatasetException : Exception
{
    public DatasetException(string message) : base(message) { }

    public DatasetException(string message, Exception inner) : base(message, inner) { }
}
