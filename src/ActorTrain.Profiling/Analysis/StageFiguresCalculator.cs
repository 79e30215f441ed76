using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Analysis;

/// <summary>Adds up spans and memory readings per stage over a stretch of <paramref name="wallTicks"/>.</summary>
internal static class StageFiguresCalculator
{
    public static IReadOnlyList<StageFigures> Compute(
        IEnumerable<Span> spans,
        IEnumerable<MemoryReading> memory,
        IReadOnlyList<int> stages,
        long wallTicks,
        long frequency)
    {
        var totals = stages.ToDictionary(s => s, _ => new Totals());
        foreach (var span in spans)
        {
            if (!totals.TryGetValue(span.Stage, out var stage))
            {
                continue;
            }

            stage.Ticks[(int)span.Kind] += span.EndTimestamp - span.StartTimestamp;
            if (span.Kind == SpanKind.Send)
            {
                stage.BytesOut += span.Bytes;
            }
            else if (span.Kind == SpanKind.Receive)
            {
                stage.BytesIn += span.Bytes;
            }
        }

        foreach (var reading in memory)
        {
            if (totals.TryGetValue(reading.Stage, out var stage))
            {
                stage.PeakBytes = Math.Max(stage.PeakBytes ?? 0, reading.PeakBytes);
            }
        }

        return stages.Select(s => Figures(s, totals[s], wallTicks, frequency)).ToArray();
    }

    private static StageFigures Figures(int stage, Totals totals, long wallTicks, long frequency)
    {
        double Ms(SpanKind kind) => totals.Ticks[(int)kind] * 1_000.0 / frequency;
        long busy = totals.Ticks[(int)SpanKind.Forward] + totals.Ticks[(int)SpanKind.Backward] + totals.Ticks[(int)SpanKind.OptimizerStep];
        double busyShare = wallTicks > 0 ? Math.Clamp(busy / (double)wallTicks, 0.0, 1.0) : 0.0;
        return new StageFigures(
            stage,
            busyShare,
            1.0 - busyShare,
            Ms(SpanKind.Forward),
            Ms(SpanKind.Backward),
            Ms(SpanKind.OptimizerStep),
            Ms(SpanKind.Wait),
            Ms(SpanKind.Send),
            Ms(SpanKind.Receive),
            Ms(SpanKind.Evaluate),
            totals.BytesIn,
            totals.BytesOut,
            totals.PeakBytes);
    }

    private sealed class Totals
    {
        public long[] Ticks { get; } = new long[Enum.GetValues<SpanKind>().Length];

        public long BytesIn { get; set; }

        public long BytesOut { get; set; }

        public long? PeakBytes { get; set; }
    }
}
