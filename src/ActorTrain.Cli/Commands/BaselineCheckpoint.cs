using ActorTrain.Faults;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Options;

namespace ActorTrain.Cli.Commands;

/// <summary>
/// `faults --baseline DIR`: the baseline's final weights taken from an earlier fault-free run's committed checkpoint
/// instead of training it again. Its digest means something only if that run trained what this one trains, so a
/// checkpoint of another model, seed or number of steps is refused (exit 2) naming its manifest, as is a directory
/// without a committed, intact checkpoint.
/// </summary>
internal static class BaselineCheckpoint
{
    /// <returns>The baseline, and the pipeline cut its manifest records (the faulted run takes it where the cut would be measured).</returns>
    public static (FaultRun Run, IReadOnlyList<int> Balance) Take(string path, TrainingOptions options)
    {
        string directory;
        CheckpointManifest manifest;
        try
        {
            directory = CheckpointDirectory.Resolve(path);
            manifest = CheckpointManifest.Read(directory);
            CheckpointDirectory.Verify(directory, manifest);
        }
        catch (CheckpointException e)
        {
            throw new UsageException($"--baseline {path}: {e.Message}");
        }
        var differences = Differences(manifest, options);
        if (differences.Count > 0)
            throw new UsageException(
                $"--baseline {path}: {Path.Combine(directory, CheckpointManifest.FileName)} was written by another run ({string.Join("; ", differences)}), " +
                "so its weights cannot be compared with this one's; give the baseline of this configuration, or leave --baseline out to train it");
        return (new FaultRun(directory, Result: null, new FaultRecorder(), WeightDigest.Of(directory)), manifest.Balance);
    }

    private static List<string> Differences(CheckpointManifest saved, TrainingOptions asked)
    {
        var differences = new List<string>();
        var model = saved.Recipe is { } recipe ? recipe.DescribeModel(saved.Model) : saved.Model;
        var askedModel = saved.Recipe is null ? asked.Model.Name : TrainingRecipe.Of(asked).DescribeModel(asked.Model.Name);
        if (model != askedModel) differences.Add($"model: baseline {model}, asked {askedModel}");
        if (saved.Seed != asked.Seed) differences.Add($"run.seed: baseline {saved.Seed}, asked {asked.Seed}");
        if (saved.Step != FinalStep(asked)) differences.Add($"steps: baseline {saved.Step}, asked {FinalStep(asked)}");
        return differences;
    }

    /// <summary>The step a run of <paramref name="options"/> ends at (one mode-plan entry: the caller refuses more).</summary>
    private static long FinalStep(TrainingOptions options)
    {
        var all = (long)options.Epochs * ((options.TrainSamples + options.BatchSize - 1) / options.BatchSize);
        return options.MaxSteps > 0 ? Math.Min(options.MaxSteps, all) : all;
    }
}
