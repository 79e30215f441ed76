using System.Text.Json;
using ActorTrain.Profiling.Merging;
using ActorTrain.Profiling.Recording;

namespace ActorTrain.Profiling.Output;

/// <summary>
/// The parts of trace.json only a clustered run has: a process row per node (the driver, then each worker named by
/// rank, address and stages), a lane per Gloo link direction on each side (sends on the sender's row, receives on the
/// receiver's) with the bytes of every transfer, and the clock offsets the workers' times were shifted by.
/// </summary>
internal static class ClusterTrace
{
    public const string SendCategory = "gloo-send";
    public const string ReceiveCategory = "gloo-receive";

    // Lanes after the stages' (tid = stage index): 10000 + 100 from + to for sends, 20000 + ... for receives.
    private static int Lane(TransferSpan t) => (t.IsReceive ? 20_000 : 10_000) + 100 * t.FromStage + t.ToStage;

    public static void WriteProcessNames(Utf8JsonWriter json, ClusterView cluster)
    {
        WriteProcess(json, ClusterView.DriverProcess, $"driver {cluster.DriverAddress}", 0);
        foreach (var w in cluster.Workers)
        {
            var missing = w.PartPath is null ? " (no profile delivered)" : string.Empty;
            WriteProcess(json, ClusterView.ProcessOfRank(w.Rank), $"worker {w.Rank} {w.Address} pid {w.Pid}: stage(s) {string.Join(", ", w.Stages)}{missing}",
                w.Rank + 1);
        }

        foreach (var lane in cluster.Transfers.DistinctBy(t => (t.Rank, Lane(t.Span))).OrderBy(t => t.Rank).ThenBy(t => Lane(t.Span)))
        {
            var t = lane.Span;
            TraceWriter.WriteThread(json, ClusterView.ProcessOfRank(lane.Rank), Lane(t),
                $"gloo {(t.IsReceive ? "recv" : "send")} stage {t.FromStage} \u2192 {t.ToStage}", Lane(t));
        }
    }

    private static void WriteProcess(Utf8JsonWriter json, int pid, string name, int sortIndex)
    {
        TraceWriter.WriteName(json, "process_name", tid: null, name, pid);
        json.WriteStartObject();
        json.WriteString("name", "process_sort_index");
        json.WriteString("ph", "M");
        json.WriteNumber("pid", pid);
        json.WriteStartObject("args");
        json.WriteNumber("sort_index", sortIndex);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteTransfers(Utf8JsonWriter json, ProfileData data, ClusterView cluster)
    {
        foreach (var (rank, t) in cluster.Transfers.OrderBy(t => t.Span.StartTimestamp))
        {
            double start = JsonNumbers.Micros(data.Microseconds(t.StartTimestamp));
            double end = JsonNumbers.Micros(data.Microseconds(t.EndTimestamp));
            json.WriteStartObject();
            json.WriteString("name", $"{(t.IsReceive ? "recv" : "send")} {(t.IsActivation ? "F" : "B")}{t.MicroBatch} {t.FromStage}\u2192{t.ToStage}");
            json.WriteString("cat", t.IsReceive ? ReceiveCategory : SendCategory);
            json.WriteString("ph", "X");
            json.WriteNumber("ts", start);
            json.WriteNumber("dur", JsonNumbers.Micros(Math.Max(0, end - start)));
            json.WriteNumber("pid", ClusterView.ProcessOfRank(rank));
            json.WriteNumber("tid", Lane(t));
            json.WriteStartObject("args");
            json.WriteNumber("step", t.Step);
            json.WriteNumber("micro-batch", t.MicroBatch);
            json.WriteNumber("bytes", t.Bytes);
            json.WriteNumber(t.IsReceive ? "from-rank" : "to-rank", t.PeerRank);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    /// <summary>In otherData: each worker's clock offset from the driver's and its uncertainty, and what could not be merged.</summary>
    public static void WriteClocks(Utf8JsonWriter json, ClusterView cluster)
    {
        json.WriteString("driver", cluster.DriverAddress);
        json.WriteStartArray("clock-offsets");
        foreach (var w in cluster.Workers)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", w.Rank);
            json.WriteString("address", w.Address);
            ClusterSummary.WriteClock(json, w);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        ClusterSummary.WriteWarnings(json, cluster);
    }
}
