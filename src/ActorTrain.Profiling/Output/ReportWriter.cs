using System.Text;
using ActorTrain.Profiling.Analysis;
using ActorTrain.Profiling.Recording;
using ActorTrain.Profiling.Report;

namespace ActorTrain.Profiling.Output;

/// <summary>
/// Writes report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched)
/// so it opens from disk on a machine with no network. Every run-supplied string is escaped.
/// </summary>
internal static class ReportWriter
{
    private const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1100px; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
        table { border-collapse: collapse; margin: 8px 0; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; white-space: nowrap; }
        th { background: #f4f4f4; } table.figures th { text-align: left; }
        .note { color: #666; font-size: 12px; }
        svg.timeline, svg.chart { width: 100%; height: auto; display: block; margin: 6px 0 16px; }
        .lane { fill: #fafafa; } .lane-label, .tick, .label { font-size: 11px; fill: #444; }
        .span-label { font-size: 10px; fill: #fff; pointer-events: none; }
        .axis { stroke: #888; } .grid { stroke: #eee; }
        .marker { stroke: #d62728; stroke-dasharray: 4 3; stroke-width: 1.5; }
        .marker-label { font-size: 11px; fill: #d62728; }
        .series { fill: none; stroke: #4e79a7; stroke-width: 1.5; } .point { fill: #4e79a7; }
        .legend span { margin-right: 12px; font-size: 12px; white-space: nowrap; }
        """;

    public static void Write(string path, ProfileSummary summary, ProfileData data, ModeTimeline timeline, int timelineSteps)
    {
        var html = new StringBuilder();
        string title = summary.Run is { } run ? $"ActorTrain profile: {run.Mode}, {run.Schedule}, {run.Stages} stages" : "ActorTrain profile";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Html.Escape(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<h1>")
            .Append(Html.Escape(title)).Append("</h1>\n");
        RenderRunLine(html, summary);
        SummaryTables.Render(html, summary);
        LinkTable.Render(html, data.Links);
        if (data.Cluster is { } cluster)
        {
            ClusterTable.Render(html, cluster);
        }

        RenderTimelines(html, data, timeline, timelineSteps);
        RenderCurves(html, data);
        html.Append("</body>\n</html>\n");
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static void RenderRunLine(StringBuilder html, ProfileSummary summary)
    {
        string outcome = summary.Succeeded switch
        {
            true => "succeeded",
            false => "failed",
            null => "not finished",
        };
        string shape = summary.Run is { } run
            ? $"{run.MicroBatches} micro-batches of a batch of {run.BatchSize}; "
            : string.Empty;
        html.Append("<p>").Append(Html.Escape($"{shape}{Html.Number(summary.WallSeconds)} s wall time; run {outcome}.")).Append("</p>\n");
    }

    private static void RenderTimelines(StringBuilder html, ProfileData data, ModeTimeline timeline, int timelineSteps)
    {
        html.Append("<h2>Timeline</h2>\n");
        var windows = TimelineWindow.Select(data.Spans, timeline, timelineSteps);
        if (windows.Count == 0)
        {
            html.Append("<p class=\"note\">No training spans recorded.</p>\n");
            return;
        }

        TimelineSvg.RenderLegend(html);
        var stages = data.StageIds();
        foreach (var window in windows)
        {
            string note = $"Window: mode {window.Mode}, the first {window.Steps} training step(s) of this stretch (steps {window.FirstStep} to {window.LastStep}), "
                + $"{Html.Number(data.Seconds(window.Start - data.Start))} s to {Html.Number(data.Seconds(window.End - data.Start))} s after the start "
                + $"({Html.Number(data.Milliseconds(window.End - window.Start))} ms).";
            html.Append("<p class=\"note\">").Append(Html.Escape(note)).Append("</p>\n");
            TimelineSvg.Render(html, window, data, stages);
        }
    }

    private static void RenderCurves(StringBuilder html, ProfileData data)
    {
        // A failure's mark at its step; its resume and catch-up are moments in time, which only the timeline shows.
        var markers = data.Switches.Select(s => new ChartMarker(s.Step, ModeSwitchFormat.Label(s)))
            .Concat(data.Recoveries.Select(r => RecoveryMarks.Of(r).First()).Select(m => new ChartMarker(m.Step, m.Label)))
            .ToArray();
        html.Append("<h2>Training loss</h2>\n");
        var losses = data.Steps
            .GroupBy(s => s.Step)
            .Select(g => ((double)g.Key, g.Average(s => s.Loss)))
            .ToArray();
        LineChartSvg.Render(html, "Training loss", "step", "loss", losses, markers);

        html.Append("<h2>Test accuracy</h2>\n");
        var accuracy = data.Evaluations.Select(e => ((double)e.Step, e.Accuracy)).ToArray();
        LineChartSvg.Render(html, "Test accuracy", "step", "accuracy", accuracy, markers);
    }
}
