using System.Text.Json;
using ActorTrain.Profiling.Output;
using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Merging;

/// <summary>
/// A <see cref="NodePart"/> on disk: JSON with spans, transfers and memory readings as arrays of numbers, injected faults as objects (a run records
/// ~100k spans: objects would triple the size). Written under a temporary name, flushed to disk and renamed, as stage
/// files are, so the driver never reads half a part.
/// </summary>
internal static class NodePartFile
{
    public const string Format = "actortrain-node-profile/1";

    public static string PathFor(string directory, int rank) => Path.Combine(directory, $"worker-{rank}.json");

    public static void Write(string path, NodePart part)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                using (var json = new Utf8JsonWriter(stream, JsonOutput.Options(indented: false))) WriteJson(json, part);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void WriteJson(Utf8JsonWriter json, NodePart part)
    {
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("rank", part.Rank);
        json.WriteString("address", part.Address);
        json.WriteNumber("pid", part.Pid);
        json.WriteNumber("frequency", part.Frequency);
        json.WriteStartArray("stages");
        foreach (var s in part.Stages)
        {
            json.WriteStartObject();
            json.WriteNumber("stage", s.Stage);
            json.WriteString("layers", s.Layers);
            json.WriteNumber("parameters", s.Parameters);
            json.WriteString("device", s.Device);
            json.WriteNumber("threads", s.Threads);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("spans");
        foreach (var s in part.Spans) Row(json, s.Stage, (long)s.Kind, s.Step, s.MicroBatch, s.StartTimestamp, s.EndTimestamp, s.Bytes);
        json.WriteEndArray();
        json.WriteStartArray("transfers");
        foreach (var t in part.Transfers)
            Row(json, t.IsReceive ? 1 : 0, t.FromStage, t.ToStage, t.PeerRank, t.Step, t.MicroBatch, t.StartTimestamp, t.EndTimestamp, t.Bytes);
        json.WriteEndArray();
        json.WriteStartArray("memory");
        foreach (var m in part.Memory) Row(json, m.Stage, m.PeakBytes, m.Timestamp);
        json.WriteEndArray();
        json.WriteStartArray("injections");
        foreach (var f in part.Injections)
        {
            json.WriteStartObject();
            json.WriteString("kind", f.Kind);
            json.WriteString("where", f.Where);
            json.WriteNumber("step", f.Step);
            json.WriteNumber("micro-batch", f.MicroBatch);
            json.WriteNumber("timestamp", f.Timestamp);
            json.WriteNumber("stage", f.Stage);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Row(Utf8JsonWriter json, params ReadOnlySpan<long> values)
    {
        json.WriteStartArray();
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }

    /// <summary>Reads a part; throws <see cref="InvalidDataException"/> naming what is wrong with a damaged or foreign file.</summary>
    public static NodePart Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format) throw new InvalidDataException($"{path} is not a node profile ({Format})");
            var stages = root.GetProperty("stages").EnumerateArray().Select(s => new StageInfo(s.GetProperty("stage").GetInt32(),
                s.GetProperty("layers").GetString()!, s.GetProperty("parameters").GetInt64(), s.GetProperty("device").GetString()!,
                s.GetProperty("threads").GetInt32())).ToArray();
            var spans = Rows(root, "spans", 7).Select(v => new Span((int)v[0], (SpanKind)v[1], v[2], (int)v[3], v[4], v[5], v[6])).ToArray();
            var transfers = Rows(root, "transfers", 9)
                .Select(v => new TransferSpan(v[0] == 1, (int)v[1], (int)v[2], (int)v[3], v[4], (int)v[5], v[6], v[7], v[8])).ToArray();
            var memory = Rows(root, "memory", 3).Select(v => new MemoryReading((int)v[0], v[1], v[2])).ToArray();
            var injections = root.GetProperty("injections").EnumerateArray().Select(f => new FaultInjection(f.GetProperty("kind").GetString()!,
                f.GetProperty("where").GetString()!, f.GetProperty("step").GetInt64(), f.GetProperty("micro-batch").GetInt32(),
                f.GetProperty("timestamp").GetInt64(), f.GetProperty("stage").GetInt32())).ToArray();
            return new NodePart(root.GetProperty("rank").GetInt32(), root.GetProperty("address").GetString()!, root.GetProperty("pid").GetInt32(),
                stages, root.GetProperty("frequency").GetInt64(), spans, transfers, memory) { Injections = injections };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a readable node profile: {e.Message}", e);
        }
    }

    private static IEnumerable<long[]> Rows(JsonElement root, string name, int width) =>
        root.GetProperty(name).EnumerateArray().Select(row =>
        {
            var values = row.EnumerateArray().Select(v => v.GetInt64()).ToArray();
            return values.Length == width ? values : throw new FormatException($"a row of {name} has {values.Length} numbers, not {width}");
        });
}
