namespace ActorTrain.Torch.Serialization;

/// <summary>
/// Reads and writes safetensors files (an 8-byte little-endian header length, a JSON header, then the
/// raw little-endian tensor bytes), the format Python's <c>safetensors</c> library reads.
/// ActorTrain adds SHA-256 checksums of the header and of the data in <c>__metadata__</c> and checks
/// them on load, so a damaged file is refused rather than loaded as wrong weights.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>
    /// Writes the tensors, in the given order, and the metadata strings to <paramref name="path"/>.
    /// The file is replaced atomically: readers see the old file or the new one, never a partial one.
    /// </summary>
    public static void Write(string path, IEnumerable<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsWriter.Write(path, entries, metadata);

    /// <summary>Reads a file written by <see cref="Write"/>; anything damaged or unchecked is a <see cref="CheckpointFormatException"/>.</summary>
    public static SafeTensorsContent Read(string path) => SafeTensorsReader.Read(path, requireChecksum: true);

    /// <summary>
    /// Reads a file; with <paramref name="requireChecksum"/> false, also one without ActorTrain's checksums
    /// (written by another tool), which is then only checked for structure.
    /// </summary>
    public static SafeTensorsContent Read(string path, bool requireChecksum) => SafeTensorsReader.Read(path, requireChecksum);

    /// <summary>The bytes <see cref="Write"/> would put in a file, in memory.</summary>
    public static byte[] ToBytes(IEnumerable<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsWriter.ToBytes(entries, metadata);

    /// <summary>Reads bytes made by <see cref="ToBytes"/>, checked as a file is; <paramref name="source"/> names them in errors.</summary>
    public static SafeTensorsContent Read(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return SafeTensorsReader.Read(stream, source, requireChecksum: true);
    }
}
