using System.Globalization;
using System.Text;
using ActorTrain.Profiling.Analysis;
using ActorTrain.Profiling.Output;

namespace ActorTrain.Profiling.Report;

/// <summary>The summary.json figures as HTML tables: the run, one row per mode, one row per stage, the mode switches.</summary>
internal static class SummaryTables
{
    public static void Render(StringBuilder html, ProfileSummary summary)
    {
        html.Append("<h2>Summary</h2>\n<table class=\"figures\">\n");
        Row(html, "samples", summary.Samples.ToString(CultureInfo.InvariantCulture));
        Row(html, "wall time", Html.Number(summary.WallSeconds) + " s");
        Row(html, "samples/s", Html.Number(summary.SamplesPerSecond, "0.0"));
        Row(html, "bubble share, measured", Html.Share(summary.Bubble.Measured) + $" (over {summary.Bubble.StepsMeasured} steps)");
        Row(html, "bubble share, theory (p-1)/(m+p-1)", Html.Share(summary.Bubble.Theoretical));
        Row(html, "mode switches", summary.Switches.Count.ToString(CultureInfo.InvariantCulture));
        Row(html, "final test accuracy", Html.Share(summary.FinalEvaluation?.Accuracy));
        Row(html, "spans recorded", summary.SpanCount.ToString(CultureInfo.InvariantCulture));
        html.Append("</table>\n<p class=\"note\">Measured bubble: ").Append(Html.Escape(SummaryWriter.BubbleDefinition)).Append(".</p>\n");

        RenderModes(html, summary.Modes);
        html.Append("<h2>Stages (whole run)</h2>\n");
        RenderStages(html, summary.Stages);
        RenderSwitches(html, summary);
    }

    private static void RenderModes(StringBuilder html, IReadOnlyList<ModeFigures> modes)
    {
        html.Append("<h2>Modes</h2>\n<table>\n");
        Header(html, "mode", "steps", "samples", "wall s", "samples/s", "bytes moved", "bytes/step", "weight share per worker (predicted)",
            "bubble measured", "bubble theory", "peak memory per stage");
        foreach (var mode in modes)
        {
            string peaks = string.Join(", ", mode.Stages.Select(s => $"{s.Stage}: {Html.Bytes(s.PeakBytes)}"));
            Cells(
                html,
                mode.Mode,
                mode.Steps.ToString(CultureInfo.InvariantCulture),
                mode.Samples.ToString(CultureInfo.InvariantCulture),
                Html.Number(mode.WallSeconds),
                Html.Number(mode.SamplesPerSecond, "0.0"),
                Html.Bytes(mode.BytesMoved),
                mode.BytesPerStep is { } perStep ? Html.Bytes((long)Math.Round(perStep)) : "n/a",
                mode.SubnetShare is { } share
                    ? $"{Html.Share(share.Measured)} ({Html.Share(share.PredictedLow)} to {Html.Share(share.PredictedHigh)})"
                    : "n/a",
                Html.Share(mode.Bubble.Measured),
                Html.Share(mode.Bubble.Theoretical),
                peaks);
        }

        html.Append("</table>\n");
    }

    private static void RenderStages(StringBuilder html, IReadOnlyList<StageFigures> stages)
    {
        html.Append("<table>\n");
        Header(html, "stage", "busy", "idle", "forward ms", "backward ms", "step ms", "wait ms", "send ms", "recv ms", "eval ms", "bytes in", "bytes out", "peak memory");
        foreach (var stage in stages)
        {
            Cells(
                html,
                stage.Stage.ToString(CultureInfo.InvariantCulture),
                Html.Share(stage.BusyShare),
                Html.Share(stage.IdleShare),
                Html.Number(stage.ForwardMs, "0.0"),
                Html.Number(stage.BackwardMs, "0.0"),
                Html.Number(stage.StepMs, "0.0"),
                Html.Number(stage.WaitMs, "0.0"),
                Html.Number(stage.SendMs, "0.0"),
                Html.Number(stage.ReceiveMs, "0.0"),
                Html.Number(stage.EvaluateMs, "0.0"),
                Html.Bytes(stage.BytesIn),
                Html.Bytes(stage.BytesOut),
                Html.Bytes(stage.PeakBytes));
        }

        html.Append("</table>\n");
    }

    private static void RenderSwitches(StringBuilder html, ProfileSummary summary)
    {
        if (summary.Switches.Count == 0)
        {
            return;
        }

        html.Append("<h2>Mode switches</h2>\n<ol>\n");
        foreach (var change in summary.Switches)
        {
            html.Append("<li>").Append(Html.Escape($"step {change.Step}, epoch {change.Epoch}: {ModeSwitchFormat.Label(change)}")).Append("</li>\n");
        }

        html.Append("</ol>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(Html.Escape(name)).Append("</th><td>").Append(Html.Escape(value)).Append("</td></tr>\n");

    private static void Header(StringBuilder html, params string[] names) =>
        html.Append("<tr>").AppendJoin("", names.Select(n => $"<th>{Html.Escape(n)}</th>")).Append("</tr>\n");

    private static void Cells(StringBuilder html, params string[] values) =>
        html.Append("<tr>").AppendJoin("", values.Select(v => $"<td>{Html.Escape(v)}</td>")).Append("</tr>\n");
}
