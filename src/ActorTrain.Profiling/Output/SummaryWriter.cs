using System.Text.Json;
using ActorTrain.Profiling.Analysis;
using ActorTrain.Profiling.Recording;

namespace ActorTrain.Profiling.Output;

/// <summary>Writes summary.json: kebab-case names, each carrying its unit (-s, -ms, -share, bytes).</summary>
internal static class SummaryWriter
{
    public const string BubbleDefinition =
        "1 - compute time (forward, backward, optimizer step) summed over stages / (stages x union of training-step extents), first step left out as warm-up";

    public static void Write(string path, ProfileSummary summary, ProfileData data)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, JsonOutput.Options(indented: true));
        json.WriteStartObject();
        WriteRun(json, summary);
        json.WriteNumber("samples", summary.Samples);
        json.WriteNumberOrNull("samples-per-s", summary.SamplesPerSecond);
        json.WriteNumber("spans", summary.SpanCount);
        json.WriteStartObject("bubble");
        WriteBubble(json, summary.Bubble);
        json.WriteString("definition", BubbleDefinition);
        json.WriteEndObject();
        WriteModes(json, summary);
        json.WriteStartArray("stages");
        foreach (var stage in summary.Stages)
        {
            WriteStage(json, stage);
        }

        json.WriteEndArray();
        WriteSwitches(json, summary, data);
        WriteEvaluations(json, summary);
        WriteLinks(json, data);
        if (data.Cluster is { } cluster)
        {
            ClusterSummary.Write(json, cluster);
        }

        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, ProfileSummary summary)
    {
        json.WriteStartObject("run");
        if (summary.Run is { } run)
        {
            json.WriteString("mode", run.Mode);
            json.WriteString("schedule", run.Schedule);
            json.WriteNumber("stages", run.Stages);
            json.WriteNumber("micro-batches", run.MicroBatches);
            json.WriteNumber("batch-size", run.BatchSize);
        }

        if (summary.Succeeded is { } succeeded)
        {
            json.WriteBoolean("succeeded", succeeded);
        }
        else
        {
            json.WriteNull("succeeded");
        }

        json.WriteNumberOrNull("wall-s", summary.WallSeconds);
        json.WriteEndObject();
    }

    private static void WriteBubble(Utf8JsonWriter json, BubbleFigures bubble)
    {
        json.WriteNumberOrNull("measured-share", bubble.Measured);
        json.WriteNumberOrNull("theoretical-share", bubble.Theoretical);
        json.WriteNumber("steps-measured", bubble.StepsMeasured);
    }

    private static void WriteModes(Utf8JsonWriter json, ProfileSummary summary)
    {
        json.WriteStartArray("modes");
        foreach (var mode in summary.Modes)
        {
            json.WriteStartObject();
            json.WriteString("mode", mode.Mode);
            json.WriteNumber("steps", mode.Steps);
            json.WriteNumber("samples", mode.Samples);
            json.WriteNumberOrNull("wall-s", mode.WallSeconds);
            json.WriteNumberOrNull("samples-per-s", mode.SamplesPerSecond);
            json.WriteNumber("bytes-moved", mode.BytesMoved);
            json.WriteNumberOrNull("bytes-per-step", mode.BytesPerStep);
            if (mode.SubnetShare is { } share)
            {
                json.WriteStartObject("weight-share-per-worker-per-round");
                json.WriteNumber("measured-share", share.Measured);
                json.WriteNumber("predicted-low-share", share.PredictedLow);
                json.WriteNumber("predicted-high-share", share.PredictedHigh);
                json.WriteEndObject();
            }

            json.WriteStartObject("bubble");
            WriteBubble(json, mode.Bubble);
            json.WriteEndObject();
            json.WriteStartArray("stages");
            foreach (var stage in mode.Stages)
            {
                WriteStage(json, stage);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStage(Utf8JsonWriter json, StageFigures stage)
    {
        json.WriteStartObject();
        json.WriteNumber("stage", stage.Stage);
        json.WriteNumberOrNull("busy-share", stage.BusyShare);
        json.WriteNumberOrNull("idle-share", stage.IdleShare);
        json.WriteNumberOrNull("forward-ms", stage.ForwardMs);
        json.WriteNumberOrNull("backward-ms", stage.BackwardMs);
        json.WriteNumberOrNull("step-ms", stage.StepMs);
        json.WriteNumberOrNull("wait-ms", stage.WaitMs);
        json.WriteNumberOrNull("send-ms", stage.SendMs);
        json.WriteNumberOrNull("receive-ms", stage.ReceiveMs);
        json.WriteNumberOrNull("evaluate-ms", stage.EvaluateMs);
        json.WriteNumber("bytes-in", stage.BytesIn);
        json.WriteNumber("bytes-out", stage.BytesOut);
        json.WriteNumberOrNull("peak-bytes", stage.PeakBytes);
        json.WriteEndObject();
    }

    private static void WriteSwitches(Utf8JsonWriter json, ProfileSummary summary, ProfileData data)
    {
        json.WriteStartObject("mode-switches");
        json.WriteNumber("count", summary.Switches.Count);
        json.WriteStartArray("list");
        foreach (var change in summary.Switches)
        {
            json.WriteStartObject();
            ModeSwitchFormat.WriteFields(json, change);
            json.WriteNumberOrNull("at-s", data.Seconds(change.Timestamp - data.Start));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEvaluations(Utf8JsonWriter json, ProfileSummary summary)
    {
        json.WriteNumberOrNull("final-accuracy", summary.FinalEvaluation?.Accuracy);
        json.WriteNumberOrNull("final-test-loss", summary.FinalEvaluation?.Loss);
        json.WriteStartArray("evaluations");
        foreach (var evaluation in summary.Evaluations)
        {
            json.WriteStartObject();
            json.WriteString("mode", evaluation.Mode);
            json.WriteNumber("epoch", evaluation.Epoch);
            json.WriteNumber("step", evaluation.Step);
            json.WriteNumberOrNull("loss", evaluation.Loss);
            json.WriteNumberOrNull("accuracy", evaluation.Accuracy);
            if (evaluation.Extra is { Count: > 0 } extra)
            {
                json.WriteStartObject("extra");
                foreach (var (name, value) in extra)
                {
                    json.WriteNumberOrNull(name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteLinks(Utf8JsonWriter json, ProfileData data)
    {
        json.WriteStartArray("links");
        foreach (var link in data.Links.GroupBy(l => (l.From, l.To)))
        {
            json.WriteStartObject();
            json.WriteNumber("from-stage", link.Key.From);
            json.WriteNumber("to-stage", link.Key.To);
            json.WriteNumber("messages", link.Sum(l => l.Messages));
            json.WriteNumber("bytes", link.Sum(l => l.Bytes));
            json.WriteNumberOrNull("send-ms", link.Sum(l => l.SendMs));
            json.WriteStartArray("by-type");
            foreach (var type in link)
            {
                json.WriteStartObject();
                json.WriteString("type", type.Type);
                json.WriteNumber("messages", type.Messages);
                json.WriteNumber("bytes", type.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
