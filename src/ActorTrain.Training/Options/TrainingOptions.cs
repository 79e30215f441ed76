using ActorTrain.Training.Model;

namespace ActorTrain.Training.Options;

/// <summary>
/// Everything a run needs, independent of where it came from (HOCON settings, a test, a benchmark).
/// <see cref="CheckpointEvery"/> is in steps (0 = only at the end); checkpoints go to <see cref="RunDirectory"/>/checkpoint.
/// </summary>
public sealed record TrainingOptions
{
    public required ModelSpec Model { get; init; }
    public PipelineOptions Pipeline { get; init; } = new();
    public OptimizerOptions Optimizer { get; init; } = new();
    public string Mode { get; init; } = "sync";

    /// <summary>Read when <see cref="Mode"/> is "async".</summary>
    public AsyncOptions Async { get; init; } = new();

    /// <summary>Snapshots, rollback and replay after a stage fault (the sync and async pipelines); off by default.</summary>
    public RecoveryOptions Recovery { get; init; } = RecoveryOptions.Off;

    /// <summary>Whether this is the pipeline without flush.</summary>
    public bool WithoutFlush => Mode == "async";

    /// <summary>
    /// Whether <paramref name="step"/> may only start once the pipeline has drained: without flush a stage's state
    /// before a step is one cut of the pipeline only when nothing is in flight, so a snapshot step waits, as a checkpoint
    /// does. Part of the run's schedule, in one process and clustered alike, whether snapshots are kept or not, so
    /// runs with the same snapshot-every end with the same weights.
    /// </summary>
    public bool DrainsBefore(long step) => WithoutFlush && Recovery.Enabled && step % Recovery.SnapshotEvery == 0;
    public int Epochs { get; init; } = 1;
    public long Seed { get; init; } = 42;
    public int BatchSize { get; init; } = 128;
    public bool Shuffle { get; init; } = true;
    public bool EvaluateEachEpoch { get; init; } = true;

    /// <summary>Stop after this many steps in total (0 = run every epoch to the end); tests and benches use it.</summary>
    public long MaxSteps { get; init; }

    public string? RunDirectory { get; init; }
    public int CheckpointEvery { get; init; }

    /// <summary>Complete checkpoints kept in <see cref="RunDirectory"/>; older ones are deleted after each save.</summary>
    public int KeepCheckpoints { get; init; } = Checkpoints.CheckpointDirectory.DefaultKeep;

    /// <summary>The data set's name and training-set size, recorded in checkpoints so a resume can tell the data changed.</summary>
    public string Dataset { get; init; } = "";
    public int TrainSamples { get; init; }

    /// <summary>A hash of the resolved configuration, recorded in checkpoints ("" when the options did not come from one).</summary>
    public string ConfigFingerprint { get; init; } = "";

    /// <summary>Whether a resumed stage-based run cuts the whole model as <see cref="Pipeline"/> says instead of keeping the checkpoint's cut.</summary>
    public bool RecutOnResume { get; init; }

    /// <summary>A checkpoint directory to continue from.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Whether a resumed run restores the optimizer state too (false: fresh state, e.g. after a mode switch).</summary>
    public bool ResumeOptimizerState { get; init; } = true;
}
