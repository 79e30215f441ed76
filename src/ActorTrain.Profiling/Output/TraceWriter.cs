using System.Text.Json;
using ActorTrain.Profiling.Analysis;
using ActorTrain.Profiling.Merging;
using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Output;

/// <summary>
/// Writes the Chrome trace event format (JSON object form), which Perfetto and chrome://tracing
/// open: one process, one thread per stage, a complete event ("X") per span, flows ("s"/"t"/"f")
/// along each micro-batch, global instants ("i") at mode switches, instants for each stage failure
/// (on its stage's thread), rollback and catch-up, and counters ("C") for loss and accuracy. Times are
/// microseconds since the run's start. A clustered run's trace has a process per node (see <see cref="ClusterTrace"/>).
/// </summary>
internal static class TraceWriter
{
    public const int ProcessId = 1;
    public const string FlowCategory = "micro-batch";

    public static void Write(string path, ProfileData data, ModeTimeline timeline, IReadOnlySet<string> pipelineModes)
    {
        // Spans come in the order threads finished them; by start time the file reads as a timeline.
        var spans = data.Spans.OrderBy(s => s.StartTimestamp).ThenBy(s => s.Stage).ToArray();
        var modes = Array.ConvertAll(spans, s => timeline.ModeAt(s.StartTimestamp));

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, JsonOutput.Options(indented: false));
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartArray("traceEvents");
        WriteMetadata(json, data);
        for (int i = 0; i < spans.Length; i++)
        {
            WriteSpan(json, data, spans[i], modes[i]);
        }

        // Across nodes a chain follows the pipeline, not the clocks, so a wrong clock offset shows as an arrow back in time.
        var chains = FlowChains.Build(spans, modes, pipelineModes, byStage: data.Cluster is not null);
        for (int i = 0; i < chains.Count; i++)
        {
            WriteFlow(json, data, chains[i], id: i + 1);
        }

        if (data.Cluster is { } cluster)
        {
            ClusterTrace.WriteTransfers(json, data, cluster);
        }

        WriteModeSwitches(json, data);
        WriteRecoveries(json, data);
        WriteInjections(json, data);
        WriteCounters(json, data);
        json.WriteEndArray();
        WriteRun(json, data.FirstRun, data.Cluster);
        json.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter json, ProfileData data)
    {
        if (data.Cluster is { } cluster)
        {
            ClusterTrace.WriteProcessNames(json, cluster);
        }
        else
        {
            WriteName(json, "process_name", tid: null, "ActorTrain");
        }

        foreach (int stage in data.StageIds())
        {
            WriteThread(json, Pid(data, stage), stage, $"stage {stage}", sortIndex: stage);
        }
    }

    /// <summary>The process row a stage's events go to: its node's in a clustered run.</summary>
    private static int Pid(ProfileData data, int stage) => data.Cluster?.ProcessOf(stage) ?? ProcessId;

    internal static void WriteThread(Utf8JsonWriter json, int pid, int tid, string name, int sortIndex)
    {
        WriteName(json, "thread_name", tid, name, pid);
        json.WriteStartObject();
        json.WriteString("name", "thread_sort_index");
        json.WriteString("ph", "M");
        json.WriteNumber("pid", pid);
        json.WriteNumber("tid", tid);
        json.WriteStartObject("args");
        json.WriteNumber("sort_index", sortIndex);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    internal static void WriteName(Utf8JsonWriter json, string kind, int? tid, string name, int pid = ProcessId)
    {
        json.WriteStartObject();
        json.WriteString("name", kind);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", pid);
        if (tid is { } thread)
        {
            json.WriteNumber("tid", thread);
        }

        json.WriteStartObject("args");
        json.WriteString("name", name);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter json, ProfileData data, in Span span, string mode)
    {
        double start = JsonNumbers.Micros(data.Microseconds(span.StartTimestamp));
        double end = JsonNumbers.Micros(data.Microseconds(span.EndTimestamp));
        json.WriteStartObject();
        json.WriteString("name", SpanLabels.Name(span));
        json.WriteString("cat", SpanLabels.Category(span.Kind));
        json.WriteString("ph", "X");
        json.WriteNumber("ts", start);

        // Rounded ends, not rounded durations: spans that touch still touch after rounding.
        json.WriteNumber("dur", JsonNumbers.Micros(Math.Max(0, end - start)));
        json.WriteNumber("pid", Pid(data, span.Stage));
        json.WriteNumber("tid", span.Stage);
        json.WriteStartObject("args");
        json.WriteNumber("step", span.Step);
        json.WriteNumber("micro-batch", span.MicroBatch);
        json.WriteNumber("bytes", span.Bytes);
        json.WriteString("mode", mode);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// One flow per chain. Each flow event sits at the middle of its slice and binds to it as the
    /// enclosing slice ("bp":"e"): the default for "t"/"f" is the next slice to start, which on a
    /// busy stage is a different micro-batch.
    /// </summary>
    private static void WriteFlow(Utf8JsonWriter json, ProfileData data, Span[] chain, int id)
    {
        string name = $"step {chain[0].Step} mb {chain[0].MicroBatch}";
        for (int i = 0; i < chain.Length; i++)
        {
            var span = chain[i];
            long middle = span.StartTimestamp + (span.EndTimestamp - span.StartTimestamp) / 2;
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("cat", FlowCategory);
            json.WriteString("ph", i == 0 ? "s" : i == chain.Length - 1 ? "f" : "t");
            json.WriteNumber("id", id);
            json.WriteNumber("ts", JsonNumbers.Micros(data.Microseconds(middle)));
            json.WriteNumber("pid", Pid(data, span.Stage));
            json.WriteNumber("tid", span.Stage);
            if (i > 0)
            {
                json.WriteString("bp", "e");
            }

            json.WriteEndObject();
        }
    }

    private static void WriteModeSwitches(Utf8JsonWriter json, ProfileData data)
    {
        foreach (var change in data.Switches.OrderBy(s => s.Timestamp))
        {
            json.WriteStartObject();
            json.WriteString("name", ModeSwitchFormat.Label(change));
            json.WriteString("cat", "mode-switch");
            json.WriteString("ph", "i");
            json.WriteString("s", "g");
            json.WriteNumber("ts", JsonNumbers.Micros(data.Microseconds(change.Timestamp)));
            json.WriteNumber("pid", ProcessId);
            json.WriteNumber("tid", 0);
            json.WriteStartObject("args");
            ModeSwitchFormat.WriteFields(json, change);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    /// <summary>A failure where it was detected (its stage's lane); training resuming and catching up across the whole trace.</summary>
    private static void WriteRecoveries(Utf8JsonWriter json, ProfileData data)
    {
        foreach (var r in data.Recoveries.OrderBy(r => r.DetectedAt))
            foreach (var mark in RecoveryMarks.Of(r))
                WriteInstant(json, data, mark.Label, mark.Category, mark.Timestamp, mark.OnStage ? r.Stage : null, r);
    }

    /// <summary>Each fault as it was injected, across the whole trace: where a timeline shows the fault before its detection.</summary>
    private static void WriteInjections(Utf8JsonWriter json, ProfileData data)
    {
        foreach (var fault in data.FaultInjections.OrderBy(f => f.Timestamp))
        {
            json.WriteStartObject();
            json.WriteString("name", fault.Label);
            json.WriteString("cat", "fault-injected");
            json.WriteString("ph", "i");
            json.WriteString("s", "g");
            json.WriteNumber("ts", JsonNumbers.Micros(data.Microseconds(fault.Timestamp)));
            json.WriteNumber("pid", ProcessId);
            json.WriteNumber("tid", 0);
            json.WriteStartObject("args");
            json.WriteString("kind", fault.Kind);
            json.WriteString("where", fault.Where);
            json.WriteNumber("step", fault.Step);
            json.WriteNumber("micro-batch", fault.MicroBatch);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    /// <param name="tid">The stage's thread, or null for an instant across every thread.</param>
    private static void WriteInstant(Utf8JsonWriter json, ProfileData data, string name, string category, long timestamp, int? tid, RecoveryEvent about)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("cat", category);
        json.WriteString("ph", "i");
        json.WriteString("s", tid is null ? "g" : "t");
        json.WriteNumber("ts", JsonNumbers.Micros(data.Microseconds(timestamp)));
        json.WriteNumber("pid", tid is { } stage ? Pid(data, stage) : ProcessId);
        json.WriteNumber("tid", tid ?? 0);
        json.WriteStartObject("args");
        json.WriteNumber("stage", about.Stage);
        json.WriteNumber("step", about.Step);
        json.WriteString("cause", about.Cause);
        json.WriteString("recovery", about.Action switch
        {
            RecoveryAction.Rollback => $"rollback to step {about.RolledBackTo}",
            RecoveryAction.KeepCommitted => "kept the committed checkpoint",
            _ => "stop",
        });
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCounters(Utf8JsonWriter json, ProfileData data)
    {
        foreach (var step in data.Steps)
        {
            WriteCounter(json, data, "loss", step.Timestamp, "loss", step.Loss);
        }

        foreach (var evaluation in data.Evaluations)
        {
            WriteCounter(json, data, "test accuracy", evaluation.Timestamp, "accuracy", evaluation.Accuracy);
            WriteCounter(json, data, "test loss", evaluation.Timestamp, "loss", evaluation.Loss);
        }
    }

    private static void WriteCounter(Utf8JsonWriter json, ProfileData data, string name, long timestamp, string series, double value)
    {
        // A counter with no value draws nothing; NaN would make the file invalid JSON.
        if (!double.IsFinite(value))
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "C");
        json.WriteNumber("ts", JsonNumbers.Micros(data.Microseconds(timestamp)));
        json.WriteNumber("pid", ProcessId);
        json.WriteStartObject("args");
        json.WriteNumber(series, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, RunInfo? run, ClusterView? cluster)
    {
        if (run is null && cluster is null)
        {
            return;
        }

        json.WriteStartObject("otherData");
        if (cluster is not null)
        {
            ClusterTrace.WriteClocks(json, cluster);
        }

        if (run is null)
        {
            json.WriteEndObject();
            return;
        }

        json.WriteString("mode", run.Mode);
        json.WriteString("schedule", run.Schedule);
        json.WriteNumber("stages", run.Stages);
        json.WriteNumber("micro-batches", run.MicroBatches);
        json.WriteNumber("batch-size", run.BatchSize);
        json.WriteNumberOrNull("theoretical-bubble-share", run.TheoreticalBubbleShare);
        json.WriteEndObject();
    }
}
