using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Training.Options;
using ActorTrain.Training.Partitioning;
using ActorTrain.Training.Pipeline;
using Serilog;

namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// Where a resumed run starts: the checkpoint directory, the saved cut (stage files hold exactly those blocks, whatever
/// mode wrote them) and the position after the last saved step. Any cut of the model can be loaded from any saved cut.
/// </summary>
internal sealed record ResumePoint(string Directory, IReadOnlyList<int> Balance, RunPosition Position, string SavedMode)
{
    public static ResumePoint Read(TrainingOptions options, ILogger log)
    {
        var dir = CheckpointDirectory.Resolve(options.ResumeFrom ?? throw new ArgumentException("no checkpoint to resume from"));
        var manifest = CheckpointManifest.Read(dir);
        if (manifest.Model != options.Model.Name)
            throw new CheckpointException($"{dir} holds model '{manifest.Model}' but the configuration trains '{options.Model.Name}'");
        if (manifest.Seed != options.Seed)
            log.Warning("Resuming a checkpoint written with seed {Saved} under seed {Now}: the data order will differ", manifest.Seed, options.Seed);
        log.Information("Resuming {Mode} training from {Directory} ({SavedMode} checkpoint): step {Step}, epoch {Epoch}, batch {Batch}",
            options.Mode, dir, manifest.Mode, manifest.Step, manifest.Epoch + 1, manifest.Batch);
        var balance = Partitioner.ByBalance(StagePlanner.StaticCosts(options.Model, options.BatchSize), manifest.Balance.Length, manifest.Balance).Balance;
        return new ResumePoint(dir, balance, new RunPosition(manifest.Epoch, manifest.Batch, manifest.Step), manifest.Mode);
    }

    /// <summary>
    /// The cut a stage-based run (sync, async, decoupled) resumes with: the saved one, except that a checkpoint of the whole model
    /// in one file (what ist and dp write), or any checkpoint when <see cref="TrainingOptions.RecutOnResume"/> is set, is cut as
    /// the run's own configuration says.
    /// </summary>
    public Partition StagesFor(TrainingOptions options) =>
        Balance.Count == 1 || options.RecutOnResume
            ? StagePlanner.Plan(options.Model, options.Pipeline, options.BatchSize, options.WithoutFlush)
            : Partitioner.ByBalance(StagePlanner.StaticCosts(options.Model, options.BatchSize), Balance.Count, Balance);

    /// <summary>
    /// Loads the saved values into <paramref name="parts"/>, a cut of the whole model in block order (pipeline stages, or
    /// the model held whole), and into <paramref name="optimizers"/>, one over each part's parameters (null: they stay fresh).
    /// </summary>
    public void LoadInto(IReadOnlyList<Module> parts, IReadOnlyList<Optimizer>? optimizers)
    {
        var manifest = CheckpointManifest.Read(Directory);
        var order = parts.SelectMany(p => p.NamedParameters().Select(n => n.Key)).ToList();
        using var saved = SavedModel.Read(Directory, manifest, order);
        for (var k = 0; k < parts.Count; k++) saved.LoadInto(parts[k], optimizers?[k]);
    }
}
