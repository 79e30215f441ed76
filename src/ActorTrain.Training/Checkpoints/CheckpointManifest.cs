using System.Text.Json.Serialization;
using System.Text.Json;
using ActorTrain.Training.Options;

namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// The small JSON file that makes a checkpoint directory complete: where the run stood and how the model was cut.
/// It is written last, after every stage file is on disk, so a directory without it is an interrupted save.
/// <see cref="Recipe"/> is null in manifests written before it was recorded.
/// </summary>
public sealed record CheckpointManifest(
    int Format,
    long Step,
    int Epoch,
    int Batch,
    string Mode,
    long Seed,
    string Model,
    int[] Balance,
    string[] StageFiles,
    DateTimeOffset Created,
    TrainingRecipe? Recipe = null)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// Makes <paramref name="directory"/>, holding one stage file per entry of <paramref name="balance"/>, a complete checkpoint,
    /// then drops the oldest beyond <see cref="TrainingOptions.KeepCheckpoints"/>.
    /// </summary>
    internal static void Seal(string directory, TrainingOptions options, string mode, RunPosition position, IReadOnlyList<int> balance)
    {
        new CheckpointManifest(
            CurrentFormat, position.Step, position.Epoch, position.Batch, mode, options.Seed, options.Model.Name, [.. balance],
            Enumerable.Range(0, balance.Count).Select(CheckpointDirectory.StageFile).ToArray(), DateTimeOffset.UtcNow,
            TrainingRecipe.Of(options)).Write(directory);
        CheckpointDirectory.Prune(options.RunDirectory!, options.KeepCheckpoints);
    }

    public void Write(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    public static CheckpointManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new CheckpointException($"{directory} is not a complete checkpoint: {FileName} is missing");
        CheckpointManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path}: not a valid checkpoint manifest ({e.Message})");
        }
        if (manifest is null || manifest.Format != CurrentFormat)
            throw new CheckpointException($"{path}: unsupported manifest format {manifest?.Format} (expected {CurrentFormat})");
        return manifest;
    }
}
