namespace ActorTrain.Profiling.Checking;

/// <summary>A stage runs one thing at a time: no two slices on one thread may overlap.</summary>
internal static class OverlapCheck
{
    public static IEnumerable<TraceProblem> Find(TraceDocument trace, double tolerance)
    {
        foreach (var thread in trace.Slices.GroupBy(s => s.Thread))
        {
            // Compare each slice with the one reaching furthest so far, so a long slice that covers
            // several short ones is reported against each of them.
            TraceSlice? furthest = null;
            foreach (var slice in thread.OrderBy(s => s.Start).ThenBy(s => s.Duration))
            {
                if (furthest is not null && slice.Start < furthest.End - tolerance)
                {
                    yield return new TraceProblem(
                        TraceProblemKind.Overlap,
                        $"{trace.NameOf(thread.Key)}: {slice.Describe()} overlaps {furthest.Describe()}");
                }

                if (furthest is null || slice.End > furthest.End)
                {
                    furthest = slice;
                }
            }
        }
    }
}
