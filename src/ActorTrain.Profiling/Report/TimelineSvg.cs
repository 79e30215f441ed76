using System.Text;
using ActorTrain.Profiling.Output;
using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Report;

/// <summary>
/// Draws one <see cref="TimelineWindow"/> as an SVG: a row per stage, a rectangle per span colored
/// by kind and labelled F3/B3 where it is wide enough, a millisecond axis and markers for mode switches, failures and recoveries.
/// Hovering a rectangle shows its step, micro-batch, duration and bytes (SVG title, no script).
/// </summary>
internal static class TimelineSvg
{
    private const double Width = 1000;
    private const double Left = 70;
    private const double Right = 20;
    private const double Top = 18;
    private const double Row = 26;
    private const double Bar = 20;
    private const double Axis = 34;

    // Narrower rectangles get no text: "F12" needs about this many pixels at 10px.
    private const double LabelWidth = 22;

    public static void Render(StringBuilder html, TimelineWindow window, ProfileData data, IReadOnlyList<int> stages)
    {
        double plotWidth = Width - Left - Right;
        double height = Top + stages.Count * Row + Axis;
        double windowMs = Math.Max(data.Milliseconds(window.End - window.Start), 1e-6);
        double X(long timestamp) => Left + data.Milliseconds(timestamp - window.Start) / windowMs * plotWidth;
        var rows = stages.Select((stage, row) => (stage, row)).ToDictionary(p => p.stage, p => p.row);

        html.Append($"<svg class=\"timeline\" viewBox=\"0 0 {Html.Coordinate(Width)} {Html.Coordinate(height)}\" role=\"img\" aria-label=\"{Html.Escape($"timeline of {window.Mode}")}\">\n");
        foreach (var (stage, row) in rows)
        {
            double y = Top + row * Row;
            html.Append($"<rect class=\"lane\" x=\"{Html.Coordinate(Left)}\" y=\"{Html.Coordinate(y)}\" width=\"{Html.Coordinate(plotWidth)}\" height=\"{Html.Coordinate(Bar)}\"/>")
                .Append($"<text class=\"lane-label\" x=\"{Html.Coordinate(Left - 8)}\" y=\"{Html.Coordinate(y + Bar / 2 + 4)}\" text-anchor=\"end\">stage {stage}</text>\n");
        }

        foreach (var span in data.Spans)
        {
            if (window.Overlaps(span) && rows.TryGetValue(span.Stage, out int row))
            {
                RenderSpan(html, span, data, Math.Max(X(span.StartTimestamp), Left), Math.Min(X(span.EndTimestamp), Left + plotWidth), Top + row * Row);
            }
        }

        double axisY = Top + stages.Count * Row;
        var (_, _, ticks) = AxisTicks.Nice(0, windowMs, 8);
        foreach (double tick in ticks.Where(t => t <= windowMs))
        {
            double x = Left + tick / windowMs * plotWidth;
            html.Append($"<line class=\"axis\" x1=\"{Html.Coordinate(x)}\" x2=\"{Html.Coordinate(x)}\" y1=\"{Html.Coordinate(axisY)}\" y2=\"{Html.Coordinate(axisY + 4)}\"/>")
                .Append($"<text class=\"tick\" x=\"{Html.Coordinate(x)}\" y=\"{Html.Coordinate(axisY + 16)}\" text-anchor=\"middle\">{Html.Number(tick, "0.###")}</text>\n");
        }

        html.Append($"<text class=\"label\" x=\"{Html.Coordinate(Left + plotWidth / 2)}\" y=\"{Html.Coordinate(height - 2)}\" text-anchor=\"middle\">ms from the window's start</text>\n");
        var marks = data.Switches.Select(s => (s.Timestamp, Label: ModeSwitchFormat.Label(s)))
            .Concat(data.Recoveries.SelectMany(RecoveryMarks.Of).Select(m => (m.Timestamp, m.Label)))
            .Concat(data.FaultInjections.Select(f => (f.Timestamp, f.Label)));
        foreach (var (timestamp, label) in marks.Where(m => m.Timestamp >= window.Start && m.Timestamp <= window.End))
        {
            double x = X(timestamp);
            html.Append($"<line class=\"marker\" x1=\"{Html.Coordinate(x)}\" x2=\"{Html.Coordinate(x)}\" y1=\"{Html.Coordinate(Top - 14)}\" y2=\"{Html.Coordinate(axisY)}\"><title>{Html.Escape(label)}</title></line>")
                .Append($"<text class=\"marker-label\" x=\"{Html.Coordinate(x + 3)}\" y=\"{Html.Coordinate(Top - 4)}\">{Html.Escape(label)}</text>\n");
        }

        html.Append("</svg>\n");
    }

    public static void RenderLegend(StringBuilder html)
    {
        html.Append("<p class=\"legend\">");
        foreach (var kind in Enum.GetValues<SpanKind>())
        {
            html.Append($"<span><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"{SpanLabels.Color(kind)}\"/></svg> {Html.Escape(SpanLabels.Category(kind))}</span> ");
        }

        html.Append("</p>\n");
    }

    private static void RenderSpan(StringBuilder html, in Span span, ProfileData data, double x0, double x1, double y)
    {
        double width = Math.Max(x1 - x0, 0.5);
        string name = SpanLabels.Name(span);
        string tip = $"stage {span.Stage} {name}: step {span.Step}, micro-batch {span.MicroBatch}, "
            + $"{Html.Number(data.Milliseconds(span.EndTimestamp - span.StartTimestamp))} ms, {span.Bytes} bytes";
        html.Append($"<rect x=\"{Html.Coordinate(x0)}\" y=\"{Html.Coordinate(y)}\" width=\"{Html.Coordinate(width)}\" height=\"{Html.Coordinate(Bar)}\" fill=\"{SpanLabels.Color(span.Kind)}\"><title>{Html.Escape(tip)}</title></rect>");
        if (width >= LabelWidth && span.Kind is SpanKind.Forward or SpanKind.Backward or SpanKind.OptimizerStep)
        {
            html.Append($"<text class=\"span-label\" x=\"{Html.Coordinate(x0 + width / 2)}\" y=\"{Html.Coordinate(y + Bar / 2 + 4)}\" text-anchor=\"middle\">{Html.Escape(name)}</text>");
        }

        html.Append('\n');
    }
}
