using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Analysis;

/// <summary>
/// Which mode the run was in at any moment. Spans and memory readings do not carry a mode; the
/// supervisor switches only at drained mini-batch boundaries, so the switch timestamps cut the run
/// into clean segments and a span belongs to the segment its start falls in.
/// </summary>
internal sealed class ModeTimeline
{
    public const string UnknownMode = "unknown";

    private readonly ModeSegment[] segments;

    private ModeTimeline(ModeSegment[] segments) => this.segments = segments;

    public IReadOnlyList<ModeSegment> Segments => segments;

    /// <summary>Distinct modes in the order the run first entered them.</summary>
    public IReadOnlyList<string> Modes => segments.Select(s => s.Mode).Distinct(StringComparer.Ordinal).ToArray();

    public static ModeTimeline From(ProfileData data)
    {
        string mode = data.FirstRun?.Mode ?? data.Switches.FirstOrDefault()?.From ?? data.Steps.FirstOrDefault()?.Mode ?? UnknownMode;
        var segments = new List<ModeSegment>();
        long start = data.Start;
        ModeSwitch? opening = null;
        foreach (var change in data.Switches.OrderBy(s => s.Timestamp))
        {
            long at = Math.Clamp(change.Timestamp, start, data.End);
            segments.Add(new ModeSegment(mode, start, at, opening));
            mode = change.To;
            start = at;
            opening = change;
        }

        segments.Add(new ModeSegment(mode, start, data.End, opening));

        // A switch reported at the very start (or two at once) leaves an empty segment: no span can fall in it.
        var kept = segments.Where(s => s.Duration > 0).ToArray();
        return new ModeTimeline(kept.Length > 0 ? kept : [segments[^1]]);
    }

    /// <summary>
    /// The segment a timestamp falls in; times before the first segment belong to it and times
    /// after the last to the last, so every span has a segment.
    /// </summary>
    public int SegmentAt(long timestamp)
    {
        // Segments are few (one per switch): a scan from the end is cheap.
        for (int i = segments.Length - 1; i > 0; i--)
        {
            if (timestamp >= segments[i].Start)
            {
                return i;
            }
        }

        return 0;
    }

    public string ModeAt(long timestamp) => segments[SegmentAt(timestamp)].Mode;

    public long DurationOf(string mode) => segments.Where(s => s.Mode == mode).Sum(s => s.Duration);
}
