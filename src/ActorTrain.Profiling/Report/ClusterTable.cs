using System.Globalization;
using System.Text;
using ActorTrain.Profiling.Merging;

namespace ActorTrain.Profiling.Report;

/// <summary>A clustered run in report.html: where each stage ran (with the node's clock offset), the Gloo links, and warnings about what is missing.</summary>
internal static class ClusterTable
{
    public static void Render(StringBuilder html, ClusterView cluster)
    {
        html.Append("<h2>Cluster</h2>\n<p>").Append(Html.Escape($"Driver {cluster.DriverAddress}.")).Append("</p>\n");
        foreach (var warning in cluster.Warnings)
        {
            html.Append("<p class=\"note\">").Append(Html.Escape("Warning: " + warning)).Append("</p>\n");
        }

        html.Append("<table>\n<tr><th>stage</th><th>worker</th><th>address</th><th>pid</th><th>clock offset \u00b5s</th><th>\u00b1 \u00b5s</th><th>profile</th></tr>\n");
        foreach (var w in cluster.Workers)
        {
            foreach (var stage in w.Stages)
            {
                html.Append("<tr><td>").Append(stage.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(w.Rank.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(Html.Escape(w.Address))
                    .Append("</td><td>").Append(w.Pid.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(Html.Number(w.Clock?.Offset / 1_000.0, "0.0"))
                    .Append("</td><td>").Append(Html.Number(w.Clock?.Uncertainty / 1_000.0, "0.0"))
                    .Append("</td><td>").Append(w.PartPath is null ? "missing" : "merged")
                    .Append("</td></tr>\n");
            }
        }

        html.Append("</table>\n");
        var links = cluster.Links();
        if (links.Count == 0)
        {
            return;
        }

        html.Append("<table>\n<tr><th>Gloo link</th><th>workers</th><th>sends</th><th>bytes</th><th>send ms</th><th>receive ms</th></tr>\n");
        foreach (var link in links)
        {
            html.Append("<tr><td>").Append(Html.Escape($"stage {link.FromStage} \u2192 stage {link.ToStage}"))
                .Append("</td><td>").Append(Html.Escape($"{link.FromRank} \u2192 {link.ToRank}"))
                .Append("</td><td>").Append(link.Sends.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Html.Bytes(link.Bytes))
                .Append("</td><td>").Append(Html.Number(link.SendMs, "0.0"))
                .Append("</td><td>").Append(Html.Number(link.ReceiveMs, "0.0"))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }
}
