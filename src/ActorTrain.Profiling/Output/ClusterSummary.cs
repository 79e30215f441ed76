using System.Text.Json;
using ActorTrain.Profiling.Merging;

namespace ActorTrain.Profiling.Output;

/// <summary>
/// summary.json's "cluster" object: the nodes with their clock offsets, the placement (stage to worker), the Gloo links
/// with bytes and transfer time, and the workers whose part is missing (with why).
/// </summary>
internal static class ClusterSummary
{
    public static void Write(Utf8JsonWriter json, ClusterView cluster)
    {
        json.WriteStartObject("cluster");
        json.WriteString("driver", cluster.DriverAddress);
        json.WriteStartArray("nodes");
        foreach (var w in cluster.Workers)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", w.Rank);
            json.WriteString("address", w.Address);
            json.WriteNumber("pid", w.Pid);
            json.WriteStartArray("stages");
            foreach (var stage in w.Stages)
            {
                json.WriteNumberValue(stage);
            }

            json.WriteEndArray();
            WriteClock(json, w);
            json.WriteBoolean("profile-delivered", w.PartPath is not null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("placement");
        foreach (var w in cluster.Workers)
        {
            foreach (var stage in w.Stages)
            {
                json.WriteStartObject();
                json.WriteNumber("stage", stage);
                json.WriteNumber("rank", w.Rank);
                json.WriteString("address", w.Address);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("links");
        foreach (var link in cluster.Links())
        {
            json.WriteStartObject();
            json.WriteNumber("from-stage", link.FromStage);
            json.WriteNumber("to-stage", link.ToStage);
            json.WriteNumber("from-rank", link.FromRank);
            json.WriteNumber("to-rank", link.ToRank);
            json.WriteNumber("sends", link.Sends);
            json.WriteNumber("bytes", link.Bytes);
            json.WriteNumberOrNull("send-ms", link.SendMs);
            json.WriteNumber("receives", link.Receives);
            json.WriteNumberOrNull("receive-ms", link.ReceiveMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("missing");
        foreach (var w in cluster.Workers.Where(w => w.PartPath is null))
        {
            json.WriteStartObject();
            json.WriteNumber("rank", w.Rank);
            json.WriteString("address", w.Address);
            json.WriteString("reason", w.Missing ?? "no answer before the run ended");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteWarnings(json, cluster);
        json.WriteEndObject();
    }

    /// <summary>What could not be merged, as the command warned about it (a missing part, a clock not measured).</summary>
    public static void WriteWarnings(Utf8JsonWriter json, ClusterView cluster)
    {
        json.WriteStartArray("warnings");
        foreach (var warning in cluster.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
    }

    /// <summary>A node's clock offset and its uncertainty in microseconds; nulls (and why) when it was not measured.</summary>
    public static void WriteClock(Utf8JsonWriter json, ClusterWorker w)
    {
        json.WriteNumberOrNull("clock-offset-us", w.Clock?.Offset / 1_000.0);
        json.WriteNumberOrNull("clock-uncertainty-us", w.Clock?.Uncertainty / 1_000.0);
        json.WriteNumberOrNull("clock-round-trip-us", w.Clock?.RoundTrip / 1_000.0);
        json.WriteNumber("clock-pings", w.Clock?.Pings ?? 0);
        if (w.Clock is null)
        {
            json.WriteString("clock-problem", w.ClockProblem ?? "not measured");
        }
    }
}
