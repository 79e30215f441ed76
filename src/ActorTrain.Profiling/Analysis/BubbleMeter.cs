using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Analysis;

/// <summary>
/// Measures the pipeline bubble from spans, to set against the schedule's (p-1)/(m+p-1).
/// </summary>
/// <remarks>
/// Definition: a training step's extent runs from the first start to the last end of its compute
/// spans (forward, backward, optimizer step) on any stage. The steady window is the union of the
/// extents of every step but the first, which pays for warm-up (JIT, allocator) and would inflate
/// the figure. Measured bubble share = 1 - (compute time of those steps summed over stages)
/// / (p x length of the steady window): the share of the p stages' time inside training steps
/// during which they were not computing. Gaps between steps (data loading, evaluation, the
/// supervisor's turn) lie outside the window, as they lie outside the theory; the optimizer step
/// counts as compute, so with equal stages the measurement sits slightly below theory, which
/// leaves it out. Taking the union rather than the sum of extents keeps the figure meaningful
/// when steps overlap (async mode, no flush).
/// </remarks>
internal static class BubbleMeter
{
    public static (double? Share, int Steps) Measure(IEnumerable<Span> spans, int stages)
    {
        var steps = new Dictionary<long, StepExtent>();
        foreach (var span in spans)
        {
            if (!IsCompute(span.Kind))
            {
                continue;
            }

            long busy = span.EndTimestamp - span.StartTimestamp;
            steps[span.Step] = steps.TryGetValue(span.Step, out var seen)
                ? new StepExtent(Math.Min(seen.Start, span.StartTimestamp), Math.Max(seen.End, span.EndTimestamp), seen.Busy + busy)
                : new StepExtent(span.StartTimestamp, span.EndTimestamp, busy);
        }

        var measured = steps.Values.OrderBy(s => s.Start).Skip(steps.Count > 1 ? 1 : 0).ToArray();
        long window = UnionLength(measured);
        if (stages <= 0 || window <= 0)
        {
            return (null, 0);
        }

        double share = 1.0 - measured.Sum(s => (double)s.Busy) / ((double)stages * window);

        // Only a broken trace (overlapping spans on one stage) pushes compute past capacity; clamp
        // so the figure stays a share. TraceChecker reports the overlap itself.
        return (Math.Clamp(share, 0.0, 1.0), measured.Length);
    }

    public static bool IsCompute(SpanKind kind) =>
        kind is SpanKind.Forward or SpanKind.Backward or SpanKind.OptimizerStep;

    private static long UnionLength(StepExtent[] byStart)
    {
        long total = 0;
        long coveredUntil = long.MinValue;
        foreach (var step in byStart)
        {
            long from = Math.Max(step.Start, coveredUntil);
            if (step.End > from)
            {
                total += step.End - from;
            }

            coveredUntil = Math.Max(coveredUntil, step.End);
        }

        return total;
    }

    private readonly record struct StepExtent(long Start, long End, long Busy);
}
