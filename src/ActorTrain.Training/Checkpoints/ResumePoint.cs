using ActorTrain.Training.Partitioning;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Supervision;
using Serilog;

namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// Where a resumed stage-based run (sync or decoupled) starts: the checkpoint directory, the saved cut (stage files
/// hold exactly those blocks, whatever mode wrote them) and the position after the last saved step.
/// </summary>
public sealed record ResumePoint(string Directory, IReadOnlyList<int> Balance, RunPosition Position, string SavedMode)
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
}
