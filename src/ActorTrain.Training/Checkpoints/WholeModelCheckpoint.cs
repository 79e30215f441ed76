using System.Globalization;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Training.Options;
using Serilog;

namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// Checkpoints of a model one actor holds whole (the IST parameter server, a data-parallel replica): the layout of a
/// one-stage pipeline, a single stage file with every block under its block-indexed names, so sync and decoupled resume
/// it cut as they are configured, and ist and dp resume a checkpoint of any cut. As in the pipeline modes, the file is
/// written first and the manifest last, so an interrupted save leaves the previous checkpoint the newest complete one.
/// </summary>
internal static class WholeModelCheckpoint
{
    /// <summary>Creates the directory of a checkpoint at <paramref name="position"/>; returns it and the path of its one stage file.</summary>
    public static (string Directory, string File) Begin(string runDirectory, RunPosition position)
    {
        var directory = CheckpointDirectory.ForStep(runDirectory, position.Step);
        Directory.CreateDirectory(directory);
        return (directory, Path.Combine(directory, CheckpointDirectory.StageFile(0)));
    }

    public static IReadOnlyDictionary<string, string> Metadata(string mode, RunPosition position) => new Dictionary<string, string>
    {
        ["step"] = position.Step.ToString(CultureInfo.InvariantCulture),
        ["mode"] = mode,
    };

    /// <summary>Writes the manifest that makes <paramref name="directory"/> a complete checkpoint, then drops the oldest.</summary>
    public static void Seal(string directory, TrainingOptions options, string mode, RunPosition position) =>
        CheckpointManifest.Seal(directory, options, mode, position, [options.Model.Blocks.Count]);

    /// <summary>
    /// Loads <see cref="TrainingOptions.ResumeFrom"/> into <paramref name="model"/> and, unless null, <paramref name="optimizer"/>;
    /// returns the position to continue from. Any failure is a <see cref="TrainingSetupException"/> (bad input).
    /// </summary>
    /// <param name="batchesAreShared">Whether a batch index means the same in every mode; IST counts a worker's shard
    /// batches, so it continues another mode's checkpoint only at an epoch boundary.</param>
    public static RunPosition Resume(TrainingOptions options, string mode, Sequential model, Optimizer? optimizer, ILogger log, bool batchesAreShared = true)
    {
        try
        {
            var resume = ResumePoint.Read(options, log);
            if (!batchesAreShared && resume.SavedMode != mode && resume.Position.Batch != 0)
                throw new CheckpointException(
                    $"{resume.Directory} was written by mode {resume.SavedMode} in the middle of epoch {resume.Position.Epoch + 1} (batch {resume.Position.Batch}); " +
                    $"mode {mode} can continue another mode's checkpoint only at an epoch boundary");
            resume.LoadInto([model], optimizer is null ? null : [optimizer]);
            return resume.Position;
        }
        catch (Exception e) when (e is ArgumentException or CheckpointException or IOException or Torch.TorchException)
        {
            throw new TrainingSetupException(e.Message, e);
        }
    }
}
