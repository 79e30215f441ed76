namespace ActorTrain.Cli;

/// <summary>Bad arguments or input, reported before any work starts (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
