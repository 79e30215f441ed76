using System.Globalization;
using System.Text;
using ActorTrain.Profiling.Recording;

namespace ActorTrain.Profiling.Report;

/// <summary>The links' traffic as a table, one row per link and message type; nothing when no link was counted.</summary>
internal static class LinkTable
{
    public static void Render(StringBuilder html, IReadOnlyList<LinkTraffic> links)
    {
        if (links.Count == 0)
        {
            return;
        }

        html.Append("<h2>Links</h2>\n<table>\n<tr><th>link</th><th>message</th><th>messages</th><th>bytes</th><th>send ms</th></tr>\n");
        foreach (var link in links)
        {
            html.Append("<tr><td>").Append(Html.Escape($"stage {link.From} \u2192 stage {link.To}"))
                .Append("</td><td>").Append(Html.Escape(link.Type))
                .Append("</td><td>").Append(link.Messages.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Html.Bytes(link.Bytes))
                .Append("</td><td>").Append(Html.Number(link.SendMs, "0.0"))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }
}
