namespace ActorTrain.Cli.Training;

/// <summary>Says in one line why training failed, in the user's words rather than the runtime's.</summary>
internal static class TrainingFailure
{
    // errno values .NET keeps as the HResult of an IOException on Unix.
    private const int NoSpace = 28, QuotaExceeded = 122;

    public static string Describe(Exception failure)
    {
        var chain = Chain(failure).ToList();
        if (chain.OfType<IOException>().FirstOrDefault(e => e.HResult is NoSpace or QuotaExceeded) is { } full)
        {
            // "No space left on device : '…/step-000004/.stage-0.safetensors.….tmp'": the directory says what was being written.
            var parts = full.Message.Split(" : '", 2);
            var where = parts.Length == 2 ? $" writing in {Path.GetDirectoryName(parts[1].TrimEnd('\''))}" : "";
            return $"the disk is full ({parts[0]}){where}; free some space, then resume from the last checkpoint";
        }
        // Wrappers (an actor's failure, an aggregate) repeat or hide their cause: show the outermost message and the root's.
        var root = chain[^1];
        return root == failure || failure.Message.Contains(root.Message, StringComparison.Ordinal)
            ? failure.Message
            : $"{failure.Message}: {root.Message}";
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x is AggregateException { InnerExceptions.Count: > 1 } a ? a.InnerExceptions[0] : x.InnerException)
            yield return x;
    }
}
