using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Options;
using ActorTrain.Training.Partitioning;
using ActorTrain.Training.Pipeline;
using Serilog;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// Everything before the first batch of a decoupled run: the cut, the stages (built as in sync mode, so parameter names
/// and initial weights are the same), one code table per boundary (drawn, or read back from the checkpoint resumed).
/// A clustered worker builds every stage too (so each starts with its one-process weights and noise stream) and keeps its own.
/// </summary>
internal static class DecoupledSetup
{
    /// <param name="cut">Layers per stage as a clustered driver placed them (null: planned here, or the resumed checkpoint's).</param>
    public static (IReadOnlyList<DecoupledStage> Stages, RunPosition Start) Create(TrainingOptions options, DecoupledSettings settings, ILogger log,
        IReadOnlyList<int>? cut = null)
    {
        IReadOnlyList<PipelineStage> built = [];
        var stages = new List<DecoupledStage>();
        try
        {
            var (balance, start, resume) = Plan(options, log, cut);
            built = StageFactory.Create(options.Model, balance, options);
            var codes = resume is null ? new Dictionary<int, SyntheticLabelTable>() : CodeTableFile.Load(resume.Directory);
            var tables = new SyntheticLabelTable[built.Count - 1];
            for (var b = 0; b < tables.Length; b++)
                tables[b] = Table(options, settings, built, b, codes);
            resume?.LoadInto(built.Select(s => s.Layers).ToList(), options.ResumeOptimizerState ? built.Select(s => s.Optimizer).ToList() : null);
            foreach (var stage in built)
            {
                var inputShape = options.Model.Blocks[stage.FirstBlock].InputShape.Select(d => (long)d).ToArray();
                stages.Add(new DecoupledStage(stage, inputShape, stage.IsFirst ? null : tables[stage.Index - 1],
                    stage.IsLast ? null : tables[stage.Index], settings, NoiseSeed(options.Seed, stage.Index)));
            }
            return (stages, start);
        }
        catch (Exception e) when (e is ArgumentException or CheckpointException or IOException or Torch.TorchException)
        {
            foreach (var stage in built.Skip(stages.Count)) stage.Dispose();
            foreach (var stage in stages) stage.Dispose();
            throw new TrainingSetupException(e.Message, e);
        }
    }

    /// <summary>Boundary b lies after stage b: its width is the output of that stage's last block.</summary>
    private static SyntheticLabelTable Table(TrainingOptions options, DecoupledSettings settings, IReadOnlyList<PipelineStage> stages,
        int boundary, IReadOnlyDictionary<int, SyntheticLabelTable> saved)
    {
        var stage = stages[boundary];
        var width = options.Model.Blocks[stage.FirstBlock + stage.BlockCount - 1].OutputFeatures;
        var classes = options.Model.Classes;
        if (!saved.TryGetValue(boundary, out var table))
            return SyntheticLabelTable.Draw(options.Seed, boundary, classes, width, settings);
        if (table.Classes != classes || table.Width != width)
            throw new CheckpointException(
                $"the checkpoint's codes for boundary {boundary} are {table.Classes} x {table.Width} but the model needs {classes} x {width}");
        return table;
    }

    private static (IReadOnlyList<int> Balance, RunPosition Start, ResumePoint? Resume) Plan(TrainingOptions options, ILogger log, IReadOnlyList<int>? cut)
    {
        if (options.ResumeFrom is null)
            return (cut ?? StagePlanner.Plan(options.Model, options.Pipeline, options.BatchSize).Balance, RunPosition.Start, null);

        var resume = ResumePoint.Read(options, log);
        return (cut ?? resume.StagesFor(options).Balance, resume.Position, resume);
    }

    // Each stage draws its input noise from its own generator, so the noise does not depend on how stages interleave.
    private static long NoiseSeed(long seed, int stage) => unchecked(seed * 1_000_003 + stage + 1);
}
