using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ActorTrain.Torch.Serialization;

/// <summary>
/// Reads a safetensors file as untrusted input: every length and offset is checked against the file
/// before it is used, and both checksums are verified before any entry is returned.
/// </summary>
internal static class SafeTensorsReader
{
    public static SafeTensorsContent Read(string path, bool requireChecksum)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(stream, path, requireChecksum);
    }

    /// <summary>Reads safetensors bytes from <paramref name="stream"/> (a file, or bytes in memory); <paramref name="path"/> names them in errors.</summary>
    public static SafeTensorsContent Read(Stream stream, string path, bool requireChecksum)
    {
        var fileLength = stream.Length;
        if (fileLength < 8) throw new CheckpointFormatException(path, $"bad header length: the file is {fileLength} bytes, too short to hold one");

        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)(fileLength - 8))
            throw new CheckpointFormatException(path, $"bad header length: {headerLength} bytes, but only {fileLength - 8} follow it (truncated file?)");
        if (headerLength > SafeTensorsHeader.MaxLength)
            throw new CheckpointFormatException(path, $"bad header length: {headerLength} bytes exceeds the {SafeTensorsHeader.MaxLength}-byte limit");

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var header = SafeTensorsHeader.Parse(headerBytes, path);
        var ordered = CheckLayout(header.Tensors, fileLength - 8 - (long)headerLength, path);
        var expectedDataSha = CheckHeaderChecksum(header, requireChecksum, path);

        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var t in ordered)
        {
            var bytes = GC.AllocateUninitializedArray<byte>(checked((int)(t.End - t.Begin)));
            stream.ReadExactly(bytes);
            hash.AppendData(bytes);
            data[t.Name] = bytes;
        }
        var foundDataSha = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (expectedDataSha is not null && expectedDataSha != foundDataSha)
            throw new CheckpointFormatException(path, $"data checksum mismatch: expected sha256 {expectedDataSha}, found {foundDataSha}");

        var entries = header.Tensors.Select(t => new SafeTensorsEntry(t.Name, t.DType, t.Shape, data[t.Name])).ToList();
        var metadata = header.Metadata.Where(p => !SafeTensorsHeader.IsChecksumKey(p.Key)).ToDictionary(StringComparer.Ordinal);
        return new SafeTensorsContent(entries, metadata, checksumVerified: expectedDataSha is not null);
    }

    /// <summary>
    /// The format's own rules: each tensor's range matches its dtype and shape, the ranges tile the
    /// data section without gap or overlap, and the section ends where the file ends.
    /// Returns the records in data order, the order to read them in.
    /// </summary>
    private static List<SafeTensorsTensorInfo> CheckLayout(IReadOnlyList<SafeTensorsTensorInfo> tensors, long dataLength, string path)
    {
        var ordered = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        SafeTensorsTensorInfo? previous = null;
        foreach (var t in ordered)
        {
            var range = $"tensor '{t.Name}' data_offsets [{t.Begin}, {t.End}]";
            if (t.End < t.Begin) throw new CheckpointFormatException(path, $"{range} end before they begin");
            if (t.End > dataLength)
                throw new CheckpointFormatException(path, $"{range} run past the {dataLength}-byte data section (truncated file?)");
            var previousEnd = previous?.End ?? 0;
            if (t.Begin < previousEnd)
                throw new CheckpointFormatException(path, $"{range} overlap tensor '{previous!.Name}' [{previous.Begin}, {previous.End}]");
            if (t.Begin > previousEnd)
                throw new CheckpointFormatException(path, $"{range} leave a gap of {t.Begin - previousEnd} bytes after the previous tensor");
            long expected;
            try
            {
                expected = SafeTensorsLayout.ByteLength(t.DType, t.Shape);
            }
            catch (OverflowException)
            {
                throw new CheckpointFormatException(path, $"tensor '{t.Name}' shape {SafeTensorsLayout.Describe(t.Shape)} is too large");
            }
            if (expected != t.End - t.Begin)
                throw new CheckpointFormatException(path,
                    $"{range} span {t.End - t.Begin} bytes but {SafeTensorsDTypes.Name(t.DType)} {SafeTensorsLayout.Describe(t.Shape)} needs {expected}");
            previous = t;
        }
        var described = previous?.End ?? 0;
        if (described != dataLength)
            throw new CheckpointFormatException(path, $"data length mismatch: the header describes {described} bytes of data but the file holds {dataLength}");
        return ordered;
    }

    /// <summary>Verifies the header checksum and returns the expected data checksum (null for an unchecked foreign file).</summary>
    private static string? CheckHeaderChecksum(SafeTensorsHeader header, bool requireChecksum, string path)
    {
        var expectedHeader = header.MetadataValue(SafeTensorsHeader.HeaderChecksumKey);
        var expectedData = header.MetadataValue(SafeTensorsHeader.DataChecksumKey);
        if (expectedHeader is null || expectedData is null)
        {
            if (!requireChecksum && expectedHeader is null && expectedData is null) return null;
            throw new CheckpointFormatException(path,
                $"the header lacks the {SafeTensorsHeader.DataChecksumKey} and {SafeTensorsHeader.HeaderChecksumKey} checksums " +
                "(not written by ActorTrain, or its metadata is damaged)");
        }
        var foundHeader = header.DescriptionSha256();
        if (expectedHeader != foundHeader)
            throw new CheckpointFormatException(path, $"header checksum mismatch: expected sha256 {expectedHeader}, found {foundHeader}");
        return expectedData;
    }
}
