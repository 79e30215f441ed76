using System.Text.RegularExpressions;

namespace ActorTrain.Cluster.Tests;

/// <summary>What `actortrain train` prints, read back by tests that compare a clustered run with one process.</summary>
internal static class RunOutput
{
    /// <summary>The final test accuracy as printed ("19.53 %"), or a message carrying the whole output when there is none.</summary>
    public static string FinalTestAccuracy(string output) =>
        Regex.Match(output, @"final test accuracy ([0-9.]+ ?%)") is { Success: true } m ? m.Groups[1].Value : $"none in:\n{output}";
}
