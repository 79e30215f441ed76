using System.Globalization;
using ActorTrain.Torch.Serialization;

namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// Layout of a run's checkpoints: RUN/checkpoints/step-000120/{stage-0.safetensors, ..., manifest.json}.
/// Each save goes into a new directory and only the newest few complete ones are kept (run.keep-checkpoints).
/// </summary>
public static class CheckpointDirectory
{
    public const int DefaultKeep = 2;

    public static string ForStep(string runDirectory, long step) =>
        Path.Combine(runDirectory, "checkpoints", "step-" + step.ToString("D6", CultureInfo.InvariantCulture));

    public static string StageFile(int stage) => $"stage-{stage}.safetensors";

    /// <summary>
    /// Resolves what a user passed to --resume: a checkpoint directory itself, or a run directory (its newest
    /// complete checkpoint).
    /// </summary>
    public static string Resolve(string path)
    {
        if (File.Exists(Path.Combine(path, CheckpointManifest.FileName))) return path;
        var newest = Complete(path).LastOrDefault();
        return newest ?? throw new CheckpointException(
            $"--resume {path}: no complete checkpoint there (expected {CheckpointManifest.FileName} in it or in {Path.Combine(path, "checkpoints", "step-*")})");
    }

    /// <summary>The newest complete checkpoint of <paramref name="runDirectory"/>, or null when it has none.</summary>
    public static string? Newest(string runDirectory) => Complete(runDirectory).LastOrDefault();

    /// <summary>
    /// Checks that every stage file <paramref name="manifest"/> lists is present and intact (each carries its own checksum),
    /// reading each once; throws a <see cref="CheckpointException"/> naming the first that is not.
    /// </summary>
    public static void Verify(string directory, CheckpointManifest manifest)
    {
        if (manifest.StageFiles.Length != manifest.Balance.Length)
            throw new CheckpointException($"{directory}: the manifest lists {manifest.StageFiles.Length} stage files for {manifest.Balance.Length} stages");
        foreach (var file in manifest.StageFiles.Select(f => Path.Combine(directory, f)))
            ReadStageFile(file, SafeTensorsFile.Read);
    }

    /// <summary>Reads one stage file with <paramref name="read"/>; a missing or damaged file is a <see cref="CheckpointException"/> naming it.</summary>
    internal static T ReadStageFile<T>(string path, Func<string, T> read)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path} is missing: the checkpoint is incomplete");
        try
        {
            return read(path);
        }
        catch (CheckpointFormatException e)
        {
            throw new CheckpointException($"{path} is damaged: {e.Problem}");
        }
    }

    /// <summary>Removes all but the newest <paramref name="keep"/> complete checkpoints, and any interrupted saves older than them.</summary>
    public static void Prune(string runDirectory, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var complete = Complete(runDirectory).ToList();
        if (complete.Count <= keep) return;
        var oldestKept = complete[^keep];
        foreach (var dir in All(runDirectory).Where(d => string.CompareOrdinal(d, oldestKept) < 0))
            Directory.Delete(dir, recursive: true);
    }

    private static IEnumerable<string> Complete(string runDirectory) =>
        All(runDirectory).Where(d => File.Exists(Path.Combine(d, CheckpointManifest.FileName)));

    private static IEnumerable<string> All(string runDirectory)
    {
        var root = Path.Combine(runDirectory, "checkpoints");
        return Directory.Exists(root) ? Directory.GetDirectories(root, "step-*").Order(StringComparer.Ordinal) : [];
    }
}
