using System.Globalization;

namespace ActorTrain.Profiling.Checking;

/// <summary>
/// Every flow starts once, finishes once, and each of its events lands on a slice: Perfetto drops
/// an arrow silently when any of that is not so.
/// </summary>
internal static class FlowCheck
{
    public static IEnumerable<TraceProblem> Find(TraceDocument trace, double tolerance)
    {
        foreach (var flow in trace.Flows.GroupBy(f => f.Key))
        {
            int starts = flow.Count(f => f.Phase == 's');
            int finishes = flow.Count(f => f.Phase == 'f');
            if (starts == 1 && finishes == 0)
            {
                yield return new TraceProblem(TraceProblemKind.UnfinishedFlow, $"flow {flow.Key} starts and never finishes");
            }
            else if (starts != 1 || finishes != 1)
            {
                yield return new TraceProblem(TraceProblemKind.UnstartedFlow, $"flow {flow.Key} has {starts} start(s) and {finishes} finish(es), not one of each");
            }
        }

        var byThread = trace.Slices.GroupBy(s => s.Thread).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToArray());
        foreach (var e in trace.Flows)
        {
            if (!Bound(e, byThread.GetValueOrDefault(e.Thread) ?? [], tolerance))
            {
                yield return new TraceProblem(
                    TraceProblemKind.UnboundFlow,
                    string.Create(CultureInfo.InvariantCulture, $"flow {e.Key} '{e.Phase}' at {e.Timestamp:0.###} us on {trace.NameOf(e.Thread)} has no slice to bind to"));
            }
        }
    }

    private static bool Bound(TraceFlowEvent e, TraceSlice[] byStart, double tolerance)
    {
        // The last slice starting at or before the event; with touching slices the one before may be the match.
        int last = UpperBound(byStart, e.Timestamp + tolerance) - 1;
        if (!e.BindsEnclosing)
        {
            return last + 1 < byStart.Length || (last >= 0 && byStart[last].Start >= e.Timestamp - tolerance);
        }

        for (int i = last; i >= Math.Max(0, last - 1); i--)
        {
            if (byStart[i].End >= e.Timestamp - tolerance)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Index of the first slice starting after <paramref name="timestamp"/>.</summary>
    private static int UpperBound(TraceSlice[] byStart, double timestamp)
    {
        int low = 0;
        int high = byStart.Length;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (byStart[middle].Start <= timestamp)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
