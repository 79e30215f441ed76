using System.Text;
using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cli.Training;

/// <summary>
/// What `train` checks before it creates anything, so that bad input exits 2 and leaves no run directory behind: the run
/// name, whether the output and profile directories can be written, and whether the checkpoint to resume is complete.
/// </summary>
internal static class RunPreflight
{
    // A run directory is NAME-yyyyMMdd-HHmmss, with "-N" added on a clash; a file name holds at most 255 bytes.
    private const int MaxNameBytes = 255 - 24;

    /// <summary>run.name becomes one directory inside run.output-dir, so it must be a single, plain path component.</summary>
    public static void CheckRunName(string name)
    {
        string? problem = name is "." or ".." || name.Contains('/') || name.Contains('\\') || Path.IsPathRooted(name)
            ? "it must be a single directory name (no '/', '\\', '.' or '..'): the run directory is created inside run.output-dir"
            : name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ? "it holds a character no file name may hold"
            : Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? $"it is {Encoding.UTF8.GetByteCount(name)} bytes long; a run name may have at most {MaxNameBytes}"
            : null;
        if (problem is not null) throw new UsageException($"run.name = \"{name}\": {problem}.");
    }

    /// <summary>Refuses <paramref name="directory"/> unless it is, or can be created as, a directory this process may write in.</summary>
    /// <param name="what">How the user named it, e.g. "run.output-dir = runs".</param>
    public static void CheckWritable(string what, string directory)
    {
        var full = Path.GetFullPath(directory);
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                throw new UsageException($"{what}: {existing} is a file, not a directory.");
            existing = Path.GetDirectoryName(existing) ?? throw new UsageException($"{what}: no part of {full} exists.");
        }
        try
        {
            // Creating a file is the only test that sees read-only mounts, ACLs and quotas; it is gone when closed.
            using var probe = new FileStream(Path.Combine(existing, $".actortrain-probe-{Guid.NewGuid():N}"), FileMode.CreateNew,
                FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET names the probe file in its message ("Read-only file system : '…/.actortrain-probe-…'"): keep the cause.
            var cause = e is UnauthorizedAccessException ? "permission denied" : e.Message.Split(" : '", 2)[0];
            throw new UsageException($"{what}: cannot write in {existing} ({cause}).");
        }
    }

    /// <summary>A profile never overwrites another: <paramref name="directory"/> must be new or empty, and writable.</summary>
    public static void CheckProfileDirectory(string what, string directory)
    {
        if (File.Exists(directory))
            throw new UsageException($"{what}: a file of that name exists; give a new or empty directory.");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new UsageException($"{what}: the directory is not empty; profiles are never overwritten, so give a new or empty directory.");
        CheckWritable(what, directory);
    }

    /// <summary>The checkpoint --resume names, with every stage file present and intact (their checksums are read).</summary>
    public static (string Directory, CheckpointManifest Manifest) ReadCheckpoint(string resume)
    {
        if (!Directory.Exists(resume)) throw new UsageException($"--resume {resume}: no such directory.");
        try
        {
            var directory = CheckpointDirectory.Resolve(resume);
            var manifest = CheckpointManifest.Read(directory);
            CheckpointDirectory.Verify(directory, manifest);
            return (directory, manifest);
        }
        catch (Exception e) when (e is CheckpointException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message.StartsWith("--resume", StringComparison.Ordinal) ? e.Message : $"--resume {resume}: {e.Message}");
        }
    }
}
