using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Output;

/// <summary>
/// Groups the spans one micro-batch went through: its forwards across the stages in time order,
/// then its backwards back. Each chain becomes one flow (arrows from slice to slice) in the trace.
/// </summary>
internal static class FlowChains
{
    /// <param name="modes">The mode of each span, parallel to <paramref name="spans"/>.</param>
    /// <param name="pipelineModes">Only spans in these modes are linked; elsewhere stages do not pass micro-batches on.</param>
    /// <param name="byStage">Order each chain by the pipeline (forwards up the stages, backwards down) instead of by time:
    /// spans from different clocks must not be reordered by them.</param>
    public static IReadOnlyList<Span[]> Build(IReadOnlyList<Span> spans, IReadOnlyList<string> modes, IReadOnlySet<string> pipelineModes, bool byStage = false)
    {
        var chains = new Dictionary<(long Step, int MicroBatch), List<Span>>();
        for (int i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (span.Kind is not (SpanKind.Forward or SpanKind.Backward) || span.MicroBatch < 0 || !pipelineModes.Contains(modes[i]))
            {
                continue;
            }

            var key = (span.Step, span.MicroBatch);
            if (!chains.TryGetValue(key, out var chain))
            {
                chains[key] = chain = [];
            }

            chain.Add(span);
        }

        return chains.Values
            .Where(chain => chain.Count > 1)
            .Select(chain => chain
                .OrderBy(s => s.Kind == SpanKind.Backward)
                .ThenBy(s => !byStage ? 0 : s.Kind == SpanKind.Forward ? s.Stage : -s.Stage)
                .ThenBy(s => s.StartTimestamp)
                .ThenBy(s => s.Kind == SpanKind.Forward ? s.Stage : -s.Stage)
                .ToArray())
            .OrderBy(chain => chain[0].StartTimestamp)
            .ToArray();
    }
}
