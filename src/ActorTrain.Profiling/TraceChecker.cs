using System.Text.Json;
using ActorTrain.Profiling.Checking;

namespace ActorTrain.Profiling;

/// <summary>
/// Checks a trace.json for consistency: no overlapping spans on a stage, every forward with its
/// backward on the same stage (outside exempt modes and evaluation), every flow started, finished,
/// bound to slices and never running back in time, every stage's thread named. Reads the trace only; returns the problems
/// found, empty when the trace is consistent.
/// </summary>
public static class TraceChecker
{
    public static IReadOnlyList<TraceProblem> CheckFile(string path, TraceCheckOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Check(File.ReadAllText(path), options);
    }

    public static IReadOnlyList<TraceProblem> Check(string json, TraceCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= new TraceCheckOptions();
        try
        {
            using var document = JsonDocument.Parse(json);
            return Check(TraceDocument.Parse(document.RootElement), options);
        }
        catch (JsonException e)
        {
            return [new TraceProblem(TraceProblemKind.Malformed, $"not JSON: {e.Message}")];
        }
    }

    private static IReadOnlyList<TraceProblem> Check(TraceDocument trace, TraceCheckOptions options)
    {
        var problems = new List<TraceProblem>(trace.Problems);
        problems.AddRange(OverlapCheck.Find(trace, options.ToleranceMicroseconds));
        if (options.RequireBackward)
        {
            problems.AddRange(PairCheck.Find(trace, options.ModesWithoutBackward));
        }

        problems.AddRange(FlowCheck.Find(trace, options.ToleranceMicroseconds));
        problems.AddRange(FlowOrderCheck.Find(trace, options.ToleranceMicroseconds));
        problems.AddRange(trace.Slices
            .Select(s => s.Thread)
            .Distinct()
            .Where(t => !trace.ThreadNames.ContainsKey(t))
            .Select(t => new TraceProblem(TraceProblemKind.UnnamedThread, $"{t} has spans but no thread_name")));
        return problems;
    }
}
