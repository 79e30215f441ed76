namespace ActorTrain.Torch.Serialization;

/// <summary>What <see cref="SafeTensorsFile.Read(string)"/> found: the tensors in file order and the metadata strings.</summary>
public sealed class SafeTensorsContent
{
    internal SafeTensorsContent(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata, bool checksumVerified)
    {
        Entries = entries;
        ByName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        Metadata = metadata;
        ChecksumVerified = checksumVerified;
    }

    /// <summary>The tensors in the order the header lists them.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    public IReadOnlyDictionary<string, SafeTensorsEntry> ByName { get; }

    /// <summary>The caller's metadata as written; the file's own checksum keys are not included.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>False only for a file without ActorTrain checksums read with <c>requireChecksum: false</c>.</summary>
    public bool ChecksumVerified { get; }
}
