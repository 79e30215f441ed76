using System.Globalization;
using ActorTrain.Training.Options;

namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// Compares a checkpoint with the run asked to continue it, before any work starts: every setting that changes what
/// trains either differs in a way the run can honour (applied, and logged) or is refused with the option that would allow
/// it. Mid-epoch the data order and the batch index must mean what they meant when the checkpoint was written, or
/// samples would train twice or not at all; at an epoch boundary they may change.
/// </summary>
public static class ResumeCheck
{
    private static readonly string[] StageModes = ["sync", "async", "decoupled"];

    /// <param name="asked">The run's options; <see cref="TrainingOptions.Mode"/> is the mode that resumes (the plan's first).</param>
    /// <param name="loadsOptimizerState">Whether that mode restores the saved optimizer state.</param>
    public static IReadOnlyList<ResumeDifference> Compare(CheckpointManifest saved, TrainingOptions asked, bool loadsOptimizerState)
    {
        var now = TrainingRecipe.Of(asked);
        var midEpoch = saved.Batch > 0;
        var differences = new List<ResumeDifference>();
        void Differ<T>(string key, T was, T @is, string? remedy)
        {
            if (!EqualityComparer<T>.Default.Equals(was, @is))
                differences.Add(new ResumeDifference(key, Text(was), Text(@is), remedy));
        }

        var recipe = saved.Recipe;
        var newModel = "a checkpoint continues only the model it was written for: resume with the model it names, or start a new run";
        if (recipe is null)
            Differ("model.preset", saved.Model, asked.Model.Name, newModel);
        else
            Differ("model", recipe.DescribeModel(saved.Model), now.DescribeModel(asked.Model.Name), newModel);

        Cut(saved, asked, differences);

        if (asked.Mode == "ist" && saved.Mode != "ist" && midEpoch)
            differences.Add(new ResumeDifference("run.mode", saved.Mode, asked.Mode,
                $"ist counts batches in each worker's shard, so it continues a {saved.Mode} checkpoint only at an epoch boundary: resume with run.mode = {saved.Mode}"));
        else
            Differ("run.mode", saved.Mode, asked.Mode, null);

        Differ("run.seed", saved.Seed, asked.Seed, midEpoch && asked.Shuffle
            ? $"the order of the unfinished epoch {saved.Epoch + 1} depends on the seed: resume with run.seed = {Text(saved.Seed)}"
            : null);

        if (recipe is null) return differences;
        var midEpochKeep = midEpoch ? $"it stopped after batch {saved.Batch} of epoch {saved.Epoch + 1}, so" : null;
        Differ("data.batch-size", recipe.BatchSize, now.BatchSize,
            midEpochKeep is null ? null : $"{midEpochKeep} a batch index in another size would repeat or skip samples: resume with data.batch-size = {Text(recipe.BatchSize)} (it may change at an epoch boundary)");
        Differ("data.dataset", recipe.Dataset, now.Dataset,
            midEpochKeep is null ? null : $"{midEpochKeep} resume with data.dataset = {recipe.Dataset} (it may change at an epoch boundary)");
        Differ("data.train-limit (training samples)", recipe.TrainSamples, now.TrainSamples,
            midEpochKeep is null ? null : $"{midEpochKeep} resume with the same {Text(recipe.TrainSamples)} training samples (they may change at an epoch boundary)");
        Differ("pipeline.micro-batches", recipe.MicroBatches, now.MicroBatches, null);
        Differ("optimizer.type", recipe.Optimizer, now.Optimizer, loadsOptimizerState
            ? $"its {recipe.Optimizer} state cannot seed {now.Optimizer}: resume with optimizer.type = {recipe.Optimizer}, or start the optimizer afresh " +
              $"with optimizer-state = reset in the first mode-plan entry, e.g. mode-plan = [{{ mode = {asked.Mode}, epochs = {Text(asked.Epochs)}, optimizer-state = reset }}]"
            : null);
        return differences;
    }

    /// <summary>Notes what the manifest of an older checkpoint could not say, or null when it recorded everything.</summary>
    public static string? Unknowns(CheckpointManifest saved) => saved.Recipe is null
        ? "the checkpoint predates recorded training settings: its layers, batch size, micro-batches, optimizer and data are unknown and were not compared"
        : null;

    /// <summary>
    /// A stage-based mode keeps the checkpoint's cut unless asked to re-cut; a whole-model checkpoint (ist, dp) is cut as
    /// configured anyway. Decoupled stages each learnt their own part of the cut and its label codes, so they never re-cut.
    /// </summary>
    private static void Cut(CheckpointManifest saved, TrainingOptions asked, List<ResumeDifference> differences)
    {
        var stages = saved.Balance.Length;
        if (stages == 1 || !StageModes.Contains(asked.Mode)) return;
        var askedBalance = asked.Pipeline.Partition == "balance" ? asked.Pipeline.Balance : null;
        var keep = asked.Mode == "decoupled"
            ? $"decoupled stages each learnt their own part of the cut: resume with pipeline.stages = {Text(stages)}"
            : $"resume with pipeline.stages = {Text(stages)} to keep the checkpoint's cut, or set pipeline.recut-on-resume = on to re-cut the stages from the whole model";
        var remedy = asked.RecutOnResume && asked.Mode != "decoupled" ? null : keep;
        if (asked.Pipeline.Stages != stages)
            differences.Add(new ResumeDifference("pipeline.stages", Text(stages), Text(asked.Pipeline.Stages), remedy));
        else if (askedBalance is not null && !askedBalance.SequenceEqual(saved.Balance))
            differences.Add(new ResumeDifference("pipeline.balance", Text(saved.Balance), Text(askedBalance), remedy));
    }

    private static string Text<T>(T value) => value switch
    {
        IEnumerable<int> list => $"[{string.Join(", ", list)}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "unknown",
    };
}
