using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ActorTrain.Torch.Serialization;

/// <summary>Lays tensors out contiguously in the given order, checksums them and writes the file atomically.</summary>
internal static class SafeTensorsWriter
{
    public static void Write(string path, IEnumerable<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Encoded before the file is touched: an enumerator that fails leaves the old file alone.
        var (header, list) = Encode(entries, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var entry in list) stream.Write(entry.Data.Span);
        });
    }

    /// <summary>The same bytes as a file written by <see cref="Write"/>, in memory (an in-memory snapshot sent to another node).</summary>
    public static byte[] ToBytes(IEnumerable<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var (header, list) = Encode(entries, metadata);
        var bytes = GC.AllocateUninitializedArray<byte>(checked(8 + header.Length + (int)list.Sum(e => (long)e.Data.Length)));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        var offset = 8 + header.Length;
        foreach (var entry in list)
        {
            entry.Data.Span.CopyTo(bytes.AsSpan(offset));
            offset += entry.Data.Length;
        }
        return bytes;
    }

    /// <summary>Checks the entries and metadata and encodes the header, checksums included.</summary>
    private static (byte[] Header, List<SafeTensorsEntry> Entries) Encode(IEnumerable<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var tensors = Layout(list);
        var userMetadata = CheckMetadata(metadata);

        var description = new SafeTensorsHeader(tensors, userMetadata).DescriptionSha256();
        var header = new SafeTensorsHeader(tensors,
        [
            .. userMetadata,
            new(SafeTensorsHeader.HeaderChecksumKey, description),
            new(SafeTensorsHeader.DataChecksumKey, DataSha256(list)),
        ]).Encode();
        return (header, list);
    }

    private static List<SafeTensorsTensorInfo> Layout(List<SafeTensorsEntry> entries)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tensors = new List<SafeTensorsTensorInfo>(entries.Count);
        long offset = 0;
        foreach (var e in entries)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(entries));
            if (string.IsNullOrEmpty(e.Name) || e.Name == "__metadata__")
                throw new ArgumentException($"'{e.Name}' cannot name a tensor in a safetensors file", nameof(entries));
            if (!names.Add(e.Name)) throw new ArgumentException($"tensor '{e.Name}' appears twice", nameof(entries));
            var expected = SafeTensorsLayout.ByteLength(e.DType, e.Shape);
            if (e.Data.Length != expected)
                throw new ArgumentException(
                    $"tensor '{e.Name}' has {e.Data.Length} bytes of data but {e.DType} {SafeTensorsLayout.Describe(e.Shape)} needs {expected}",
                    nameof(entries));
            tensors.Add(new SafeTensorsTensorInfo(e.Name, e.DType, (long[])e.Shape.Clone(), offset, offset + expected));
            offset += expected;
        }
        return tensors;
    }

    private static List<KeyValuePair<string, string>> CheckMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null) return [];
        foreach (var (key, value) in metadata)
        {
            if (SafeTensorsHeader.IsChecksumKey(key)) throw new ArgumentException($"metadata key '{key}' is reserved for the file's checksums", nameof(metadata));
            ArgumentNullException.ThrowIfNull(value, nameof(metadata));
        }
        // Sorted so that the same content always gives the same bytes.
        return metadata.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    private static string DataSha256(List<SafeTensorsEntry> entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries) hash.AppendData(entry.Data.Span);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
