using System.Globalization;
using System.Text;
using ActorTrain.Profiling.Recording;

namespace ActorTrain.Profiling.Report;

/// <summary>The mailbox traffic as a table, one row per actor and message type; nothing when no mailbox was observed.</summary>
internal static class MessageTable
{
    public static void Render(StringBuilder html, IReadOnlyList<MessageCount> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        html.Append("<h2>Messages</h2>\n<table>\n<tr><th>actor</th><th>message</th><th>posted</th><th>processed</th><th>handler ms</th><th>most queued</th></tr>\n");
        foreach (var count in messages)
        {
            html.Append("<tr><td>").Append(Html.Escape(count.Actor))
                .Append("</td><td>").Append(Html.Escape(count.Type))
                .Append("</td><td>").Append(count.Posted.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(count.Processed.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Html.Number(count.ProcessingMs, "0.0"))
                .Append("</td><td>").Append(count.MaxQueued.ToString(CultureInfo.InvariantCulture))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }
}
