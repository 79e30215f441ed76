using ActorTrain.Training.Options;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// A profiled partition (partition = profiled, or auto in the pipeline without flush) cuts the model where measured
/// block times say, so two runs of one configuration can cut it differently on a busy machine, and then their weights
/// cannot match. Runs that must be compared bit for bit (a fault experiment's baseline and faulted run) take one cut,
/// measured once or read from the baseline's checkpoint, as an explicit balance.
/// </summary>
public static class PinnedPartition
{
    /// <summary><paramref name="options"/> with the pipeline cut fixed: unchanged unless the cut would be measured.</summary>
    /// <param name="withoutFlush">Whether any mode the run trains is the pipeline without flush (a mode plan may mix them).</param>
    /// <param name="balance">The cut to pin instead of measuring (the baseline checkpoint's), or null.</param>
    public static TrainingOptions Pin(TrainingOptions options, bool withoutFlush, IReadOnlyList<int>? balance = null)
    {
        if (!StagePlanner.IsProfiled(options.Pipeline, withoutFlush)) return options;
        var cut = balance is { Count: > 0 } ? balance : StagePlanner.Plan(options.Model, options.Pipeline, options.BatchSize, withoutFlush).Balance;
        return options with { Pipeline = options.Pipeline with { Partition = StagePlanner.Balance, Balance = cut.ToArray() } };
    }
}
