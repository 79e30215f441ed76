using ActorTrain.Profiling.Output;

namespace ActorTrain.Profiling.Checking;

/// <summary>
/// In a pipeline every micro-batch a stage forwards it later backpropagates, on the same stage:
/// forwards and backwards of one (stage, step, micro-batch) must come in equal numbers.
/// </summary>
internal static class PairCheck
{
    public static IEnumerable<TraceProblem> Find(TraceDocument trace, IReadOnlySet<string> exemptModes)
    {
        var counts = new Dictionary<(TraceThread Thread, long? Step, int? MicroBatch), (List<TraceSlice> Forwards, int Backwards, TraceSlice? FirstBackward)>();
        foreach (var slice in trace.Slices)
        {
            bool forward = slice.Category == SpanLabels.ForwardCategory;
            if ((!forward && slice.Category != SpanLabels.BackwardCategory) || (slice.Mode is { } mode && exemptModes.Contains(mode)))
            {
                continue;
            }

            var key = (slice.Thread, slice.Step, slice.MicroBatch);
            var (forwards, backwards, firstBackward) = counts.TryGetValue(key, out var seen) ? seen : ([], 0, null);
            if (forward)
            {
                forwards.Add(slice);
            }
            else
            {
                backwards++;
                firstBackward ??= slice;
            }

            counts[key] = (forwards, backwards, firstBackward);
        }

        foreach (var ((thread, _, _), (forwards, backwards, firstBackward)) in counts)
        {
            if (forwards.Count > backwards)
            {
                var unmatched = forwards.OrderBy(f => f.Start).Skip(backwards).First();
                yield return new TraceProblem(TraceProblemKind.MissingBackward, $"{trace.NameOf(thread)}: {unmatched.Describe()} has no backward on this stage");
            }
            else if (backwards > forwards.Count && firstBackward is not null)
            {
                yield return new TraceProblem(TraceProblemKind.MissingForward, $"{trace.NameOf(thread)}: {firstBackward.Describe()} has no forward on this stage");
            }
        }
    }
}
