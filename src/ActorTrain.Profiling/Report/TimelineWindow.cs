using ActorTrain.Profiling.Analysis;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Report;

/// <summary>
/// The stretch of time one timeline draws: the first few training steps of one mode segment. A
/// whole run has thousands of steps, far too many rectangles to read; the start of each segment
/// shows the schedule's shape and, after a switch, how the stages behave in the new mode.
/// </summary>
/// <param name="Switch">The switch that opened the segment; the window starts at it so its marker shows.</param>
internal sealed record TimelineWindow(string Mode, long Start, long End, long FirstStep, long LastStep, int Steps, ModeSwitch? Switch)
{
    /// <summary>Timelines for at most this many segments; a run that switches back and forth repeats itself.</summary>
    public const int MaxWindows = 6;

    public static IReadOnlyList<TimelineWindow> Select(IReadOnlyList<Span> spans, ModeTimeline timeline, int stepsPerWindow)
    {
        var windows = new List<TimelineWindow>();
        var bySegment = spans.Where(s => s.Kind != SpanKind.Evaluate).ToLookup(s => timeline.SegmentAt(s.StartTimestamp));
        for (int index = 0; index < timeline.Segments.Count && windows.Count < MaxWindows; index++)
        {
            var segment = timeline.Segments[index];
            var inSegment = bySegment[index].ToArray();
            var steps = inSegment
                .Where(s => BubbleMeter.IsCompute(s.Kind))
                .GroupBy(s => s.Step)
                .OrderBy(g => g.Min(s => s.StartTimestamp))
                .Take(stepsPerWindow)
                .Select(g => g.Key)
                .ToHashSet();
            if (steps.Count == 0)
            {
                continue;
            }

            var shown = inSegment.Where(s => steps.Contains(s.Step)).ToArray();
            long start = shown.Min(s => s.StartTimestamp);
            if (segment.Switch is { } opening)
            {
                start = Math.Min(start, opening.Timestamp);
            }

            windows.Add(new TimelineWindow(segment.Mode, start, shown.Max(s => s.EndTimestamp), steps.Min(), steps.Max(), steps.Count, segment.Switch));
        }

        return windows;
    }

    public bool Overlaps(in Span span) => span.EndTimestamp >= Start && span.StartTimestamp <= End;
}
