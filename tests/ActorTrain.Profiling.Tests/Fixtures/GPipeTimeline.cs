using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Tests.Fixtures;

/// <summary>
/// A hand-made run of a 2-stage GPipe pipeline with 4 micro-batches, every forward and backward
/// 1 ms, the optimizer step 1 ms, sends and receives instantaneous. One step (times in ms from
/// the step's start):
/// <code>
///   stage 0 | F0 F1 F2 F3 .. .. B3 B2 B1 B0 step
///   stage 1 | .. F0 F1 F2 F3 B3 B2 B1 B0 .. step
///   ms        0  1  2  3  4  5  6  7  8  9  10  11
/// </code>
/// Two steps run at 0 ms and 12 ms; step metrics arrive at 11 and 23 ms, an evaluation and the
/// end at 24 ms. Each stage computes 9 of each step's 11 ms, so the bubble is 1 - 18/22; theory
/// (p-1)/(m+p-1) = 1/5 leaves out the optimizer step.
/// </summary>
internal static class GPipeTimeline
{
    public const int Stages = 2;
    public const int MicroBatches = 4;
    public const int Steps = 2;
    public const long StepPeriodMs = 12;
    public const long EndMs = 24;
    public const long ActivationBytes = 4096;
    public const long GradientBytes = 2048;
    public const int SamplesPerStep = 128;

    public static RunInfo Run(string mode = "sync") => new(
        mode,
        "gpipe",
        Stages,
        MicroBatches,
        SamplesPerStep,
        1.0 / 5,
        [new StageInfo(0, "linear-1..3", 1000, "cpu", 1), new StageInfo(1, "linear-4..6", 1000, "cpu", 1)],
        Timestamp: 0);

    /// <summary>Every span of both steps, stage 0's first, in time order per stage.</summary>
    public static List<Span> Spans()
    {
        var spans = new List<Span>();
        for (long step = 0; step < Steps; step++)
        {
            spans.AddRange(StepSpans(step, step * StepPeriodMs));
        }

        return spans;
    }

    public static IEnumerable<Span> StepSpans(long step, long baseMs)
    {
        Span At(int stage, SpanKind kind, int microBatch, long fromMs, long toMs, long bytes = 0) =>
            new(stage, kind, step, microBatch, (baseMs + fromMs) * ManualClock.TicksPerMillisecond, (baseMs + toMs) * ManualClock.TicksPerMillisecond, bytes);

        for (int mb = 0; mb < MicroBatches; mb++)
        {
            yield return At(0, SpanKind.Forward, mb, mb, mb + 1);
            yield return At(0, SpanKind.Send, mb, mb + 1, mb + 1, ActivationBytes);
        }

        yield return At(0, SpanKind.Wait, -1, 4, 6);
        for (int mb = MicroBatches - 1, t = 6; mb >= 0; mb--, t++)
        {
            yield return At(0, SpanKind.Receive, mb, t, t, GradientBytes);
            yield return At(0, SpanKind.Backward, mb, t, t + 1);
        }

        yield return At(0, SpanKind.OptimizerStep, -1, 10, 11);

        yield return At(1, SpanKind.Wait, -1, 0, 1);
        for (int mb = 0; mb < MicroBatches; mb++)
        {
            yield return At(1, SpanKind.Receive, mb, mb + 1, mb + 1, ActivationBytes);
            yield return At(1, SpanKind.Forward, mb, mb + 1, mb + 2);
        }

        for (int mb = MicroBatches - 1, t = 5; mb >= 0; mb--, t++)
        {
            yield return At(1, SpanKind.Backward, mb, t, t + 1);
            yield return At(1, SpanKind.Send, mb, t + 1, t + 1, GradientBytes);
        }

        yield return At(1, SpanKind.Wait, -1, 9, 10);
        yield return At(1, SpanKind.OptimizerStep, -1, 10, 11);
    }

    /// <summary>Feeds the whole run to a profiler: start, spans, memory, step metrics, evaluation, end.</summary>
    public static Profiler Record(ManualClock clock, IEnumerable<Span>? spans = null, ProfilerOptions? options = null)
    {
        var profiler = new Profiler(clock, options);
        profiler.OnRunStarted(Run());
        foreach (var span in spans ?? Spans())
        {
            profiler.OnSpan(span);
        }

        clock.Now = 11 * ManualClock.TicksPerMillisecond;
        profiler.OnStageMemory(0, 3_000_000);
        profiler.OnStageMemory(1, 2_000_000);
        profiler.OnStageMemory(0, 1_000_000);
        profiler.OnStep(new StepMetrics("sync", 0, 0, 2.0, SamplesPerStep, 11 * ManualClock.TicksPerMillisecond));
        profiler.OnStep(new StepMetrics("sync", 0, 1, 1.5, SamplesPerStep, 23 * ManualClock.TicksPerMillisecond));
        profiler.OnEvaluation(new EvaluationMetrics("sync", 0, 1, 1.2, 0.625, EndMs * ManualClock.TicksPerMillisecond));
        profiler.OnRunFinished(true, EndMs * ManualClock.TicksPerMillisecond);
        return profiler;
    }
}
