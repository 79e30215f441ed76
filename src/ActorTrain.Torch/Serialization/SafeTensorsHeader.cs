using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ActorTrain.Torch.Serialization;

/// <summary>
/// The JSON header of a safetensors file: tensor records and the <c>__metadata__</c> strings.
/// Encodes as the reference library does (metadata first, padded with spaces to a multiple of 8 so
/// the data section stays aligned) and parses strictly, since the bytes may be damaged.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>SHA-256 (lowercase hex) of the whole data section.</summary>
    public const string DataChecksumKey = "actortrain.sha256";

    /// <summary>
    /// SHA-256 of the tensor records and the caller's metadata. The data checksum alone would let a
    /// flipped dtype or shape byte (F32 read as I32) through as garbage weights.
    /// </summary>
    public const string HeaderChecksumKey = "actortrain.header-sha256";

    /// <summary>The reference implementation refuses larger headers; so do we.</summary>
    public const long MaxLength = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SafeTensorsHeader(IReadOnlyList<SafeTensorsTensorInfo> tensors, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    public IReadOnlyList<SafeTensorsTensorInfo> Tensors { get; }

    /// <summary>Every <c>__metadata__</c> pair, checksum keys included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    public static bool IsChecksumKey(string key) => key is DataChecksumKey or HeaderChecksumKey;

    public string? MetadataValue(string key)
    {
        foreach (var pair in Metadata)
            if (pair.Key == key) return pair.Value;
        return null;
    }

    /// <summary>The header bytes as written to the file, padded with spaces to a multiple of 8.</summary>
    public byte[] Encode()
    {
        var json = ToJson(Tensors, Metadata);
        var padded = (json.Length + 7) / 8 * 8;
        var bytes = new byte[padded];
        json.CopyTo(bytes, 0);
        bytes.AsSpan(json.Length).Fill((byte)' ');
        return bytes;
    }

    /// <summary>
    /// SHA-256 over a canonical form of the records and the caller's metadata (sorted, checksum keys
    /// left out), so it does not depend on key order or whitespace in the file.
    /// </summary>
    public string DescriptionSha256()
    {
        var tensors = Tensors.OrderBy(t => t.Begin).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var metadata = Metadata.Where(p => !IsChecksumKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        return Convert.ToHexStringLower(SHA256.HashData(ToJson(tensors, metadata)));
    }

    private static byte[] ToJson(IEnumerable<SafeTensorsTensorInfo> tensors, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            if (metadata.Count > 0)
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) w.WriteString(key, value);
                w.WriteEndObject();
            }
            foreach (var t in tensors)
            {
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", SafeTensorsDTypes.Name(t.DType));
                w.WriteStartArray("shape");
                foreach (var dim in t.Shape) w.WriteNumberValue(dim);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(t.Begin);
                w.WriteNumberValue(t.End);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Parses header bytes; any deviation from the format is a <see cref="CheckpointFormatException"/>.</summary>
    public static SafeTensorsHeader Parse(ReadOnlyMemory<byte> json, string path)
    {
        // JsonDocument defers UTF-8 decoding of names and strings; checking up front keeps a damaged
        // byte from surfacing later as an InvalidOperationException.
        if (!Utf8.IsValid(json.Span)) throw new CheckpointFormatException(path, "invalid JSON header: not valid UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(path, $"invalid JSON header: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new CheckpointFormatException(path, $"invalid JSON header: expected an object, found {root.ValueKind}");
            var tensors = new List<SafeTensorsTensorInfo>();
            var metadata = new List<KeyValuePair<string, string>>();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, path);
                else tensors.Add(ReadTensor(property.Name, property.Value, path));
            }
            return new SafeTensorsHeader(tensors, metadata);
        }
    }

    private static void ReadMetadata(JsonElement element, List<KeyValuePair<string, string>> metadata, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new CheckpointFormatException(path, "invalid JSON header: __metadata__ is not an object");
        foreach (var p in element.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
                throw new CheckpointFormatException(path, $"invalid JSON header: metadata '{p.Name}' is not a string");
            metadata.Add(new(p.Name, p.Value.GetString()!));
        }
    }

    private static SafeTensorsTensorInfo ReadTensor(string name, JsonElement element, string path)
    {
        CheckpointFormatException Bad(string what) => new(path, $"invalid JSON header: tensor '{name}' {what}");

        if (element.ValueKind != JsonValueKind.Object) throw Bad("is not an object");
        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad("has no dtype string");
        var dtypeName = dtypeElement.GetString()!;
        if (!SafeTensorsDTypes.TryParse(dtypeName, out var dtype)) throw Bad($"has unsupported dtype '{dtypeName}'");
        var shape = ReadIntegers(element, "shape", Bad);
        var offsets = ReadIntegers(element, "data_offsets", Bad);
        if (offsets.Length != 2) throw Bad("needs data_offsets [begin, end]");
        return new SafeTensorsTensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(JsonElement element, string key, Func<string, CheckpointFormatException> bad)
    {
        if (!element.TryGetProperty(key, out var array) || array.ValueKind != JsonValueKind.Array)
            throw bad($"has no {key} array");
        var values = new long[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
                throw bad($"has a {key} entry that is not a non-negative integer");
            values[i++] = value;
        }
        return values;
    }
}
