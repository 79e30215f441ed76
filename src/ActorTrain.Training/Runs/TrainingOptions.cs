using ActorTrain.Training.Model;

namespace ActorTrain.Training.Runs;

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

    /// <summary>Whether this is the pipeline without flush.</summary>
    public bool WithoutFlush => Mode == "async";
    public int Epochs { get; init; } = 1;
    public long Seed { get; init; } = 42;
    public int BatchSize { get; init; } = 128;
    public bool Shuffle { get; init; } = true;
    public bool EvaluateEachEpoch { get; init; } = true;

    /// <summary>Stop after this many steps in total (0 = run every epoch to the end); tests and benches use it.</summary>
    public long MaxSteps { get; init; }

    public string? RunDirectory { get; init; }
    public int CheckpointEvery { get; init; }

    /// <summary>A checkpoint directory to continue from.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Whether a resumed run restores the optimizer state too (false: fresh state, e.g. after a mode switch).</summary>
    public bool ResumeOptimizerState { get; init; } = true;
}
