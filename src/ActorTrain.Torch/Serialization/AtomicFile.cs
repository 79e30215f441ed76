namespace ActorTrain.Torch.Serialization;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file in the same directory (so the
/// rename stays on one file system), is flushed to disk, then renamed over the target. A crash or an
/// exception at any point leaves either the old file or the new one, never a half-written one.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<FileStream> write)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' has no directory", nameof(path));
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                // Without fsync the rename can reach the disk before the data, and a power cut leaves
                // the new name pointing at an empty file.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    // The write's own exception is the one worth reporting; a leftover temporary file is harmless.
    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
