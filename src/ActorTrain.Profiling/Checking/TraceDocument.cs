using System.Text.Json;

namespace ActorTrain.Profiling.Checking;

/// <summary>The events of a Chrome trace that the checks look at, parsed once.</summary>
internal sealed class TraceDocument
{
    private TraceDocument(IReadOnlyList<TraceSlice> slices, IReadOnlyList<TraceFlowEvent> flows, IReadOnlyDictionary<TraceThread, string> threadNames, IReadOnlyList<TraceProblem> problems)
    {
        Slices = slices;
        Flows = flows;
        ThreadNames = threadNames;
        Problems = problems;
    }

    public IReadOnlyList<TraceSlice> Slices { get; }

    public IReadOnlyList<TraceFlowEvent> Flows { get; }

    public IReadOnlyDictionary<TraceThread, string> ThreadNames { get; }

    /// <summary>Malformed events, found while parsing.</summary>
    public IReadOnlyList<TraceProblem> Problems { get; }

    public string NameOf(TraceThread thread) =>
        ThreadNames.TryGetValue(thread, out var name) ? $"{name} ({thread})" : thread.ToString();

    /// <summary>Reads the object form ({"traceEvents": [...]}) or the bare array form.</summary>
    public static TraceDocument Parse(JsonElement root)
    {
        var slices = new List<TraceSlice>();
        var flows = new List<TraceFlowEvent>();
        var names = new Dictionary<TraceThread, string>();
        var problems = new List<TraceProblem>();
        JsonElement events = root;
        if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("traceEvents", out events))
        {
            problems.Add(new TraceProblem(TraceProblemKind.Malformed, "the trace object has no traceEvents"));
        }
        else if (events.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new TraceProblem(TraceProblemKind.Malformed, "traceEvents is not an array"));
        }
        else
        {
            int index = 0;
            foreach (var e in events.EnumerateArray())
            {
                Read(e, index++, slices, flows, names, problems);
            }
        }

        return new TraceDocument(slices, flows, names, problems);
    }

    private static void Read(JsonElement e, int index, List<TraceSlice> slices, List<TraceFlowEvent> flows, Dictionary<TraceThread, string> names, List<TraceProblem> problems)
    {
        string? phase = e.ValueKind == JsonValueKind.Object ? String(e, "ph") : null;
        if (phase is null)
        {
            problems.Add(new TraceProblem(TraceProblemKind.Malformed, $"event {index} has no phase (\"ph\")"));
            return;
        }

        var thread = new TraceThread(Raw(e, "pid"), Raw(e, "tid"));
        switch (phase)
        {
            case "X":
                if (Number(e, "ts") is not { } ts || Number(e, "dur") is not { } dur || dur < 0)
                {
                    problems.Add(new TraceProblem(TraceProblemKind.Malformed, $"complete event {index} lacks a timestamp or a non-negative duration"));
                    return;
                }

                e.TryGetProperty("args", out var args);
                slices.Add(new TraceSlice(
                    thread,
                    String(e, "name") ?? string.Empty,
                    String(e, "cat") ?? string.Empty,
                    ts,
                    dur,
                    Integer(args, "step"),
                    Integer(args, "micro-batch") is { } mb ? (int)mb : null,
                    String(args, "mode")));
                break;
            case "s" or "t" or "f":
                if (Number(e, "ts") is not { } at || !e.TryGetProperty("id", out var id))
                {
                    problems.Add(new TraceProblem(TraceProblemKind.Malformed, $"flow event {index} lacks a timestamp or an id"));
                    return;
                }

                bool enclosing = phase == "s" || String(e, "bp") == "e";
                flows.Add(new TraceFlowEvent($"{String(e, "cat")}/{id.GetRawText()}", phase[0], thread, at, enclosing));
                break;
            case "M" when String(e, "name") == "thread_name" && e.TryGetProperty("args", out var meta) && String(meta, "name") is { } name:
                names[thread] = name;
                break;
        }
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static long? Integer(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n : null;

    private static string Raw(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText() : string.Empty;
}
