using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Analysis;

/// <summary>Turns a recording into the figures of <see cref="ProfileSummary"/>: pure, so tests feed it hand-made timelines.</summary>
internal static class SummaryCalculator
{
    public static ProfileSummary Compute(ProfileData data, ModeTimeline timeline)
    {
        var stages = data.StageIds();
        string[] spanModes = Array.ConvertAll(data.Spans, s => timeline.ModeAt(s.StartTimestamp));
        long samples = data.Steps.Sum(s => (long)s.Samples);
        double wall = data.WallSeconds;

        var (measured, steps) = BubbleMeter.Measure(data.Spans, stages.Count);
        var bubble = new BubbleFigures(measured, data.FirstRun?.TheoreticalBubbleShare, steps);

        var modes = timeline.Modes
            .Concat(data.Steps.Select(s => s.Mode))
            .Distinct(StringComparer.Ordinal)
            .Select(mode => ModeFiguresOf(mode, data, timeline, spanModes, stages))
            .ToArray();

        var stageFigures = StageFiguresCalculator.Compute(data.Spans, data.Memory, stages, data.End - data.Start, data.Frequency);
        var evaluations = data.Evaluations.OrderBy(e => e.Timestamp).ToArray();
        return new ProfileSummary(
            data.FirstRun,
            data.Succeeded,
            wall,
            samples,
            wall > 0 ? samples / wall : null,
            data.Spans.Length,
            bubble,
            modes,
            stageFigures,
            data.Switches.OrderBy(s => s.Timestamp).ToArray(),
            evaluations,
            evaluations.LastOrDefault());
    }

    private static ModeFigures ModeFiguresOf(string mode, ProfileData data, ModeTimeline timeline, string[] spanModes, IReadOnlyList<int> allStages)
    {
        var spans = data.Spans.Where((_, i) => spanModes[i] == mode).ToArray();
        var memory = data.Memory.Where(m => timeline.ModeAt(m.Timestamp) == mode);
        var steps = data.Steps.Where(s => s.Mode == mode).ToArray();
        long wallTicks = timeline.DurationOf(mode);
        double wall = data.Seconds(wallTicks);
        long samples = steps.Sum(s => (long)s.Samples);
        long bytes = spans.Where(s => s.Kind == SpanKind.Send).Sum(s => s.Bytes);

        // The run reports itself again after a switch; the latest report for this mode has its shape.
        var run = data.Runs.LastOrDefault(r => r.Mode == mode);
        int stageCount = run?.Stages ?? allStages.Count;
        var (measured, measuredSteps) = BubbleMeter.Measure(spans, stageCount);

        return new ModeFigures(
            mode,
            steps.Length,
            samples,
            wall,
            wall > 0 ? samples / wall : null,
            bytes,
            steps.Length > 0 ? bytes / (double)steps.Length : null,
            new BubbleFigures(measured, run?.TheoreticalBubbleShare, measuredSteps),
            StageFiguresCalculator.Compute(spans, memory, allStages, wallTicks, data.Frequency),
            run?.SubnetShare);
    }
}
