using ActorTrain.Training.Options;

namespace ActorTrain.Cluster.Messages;

/// <summary>
/// What this run generation trains, sent to every worker just before its HostStages: the mode, learning rate and
/// whether a resumed checkpoint's optimizer state is kept. A mode plan changes them from one entry to the next, and a
/// worker's own configuration knows only the plan's first entry; the driver's word is the one that counts.
/// </summary>
public sealed record RunEntry(string Mode, double LearningRate, bool ResumeOptimizerState)
{
    public static RunEntry Of(TrainingOptions options) =>
        new(options.Mode, options.Optimizer.LearningRate, options.ResumeOptimizerState);

    /// <summary><paramref name="options"/> (a worker's, from its configuration) as this entry trains.</summary>
    public TrainingOptions ApplyTo(TrainingOptions options) => options with
    {
        Mode = Mode,
        Optimizer = options.Optimizer with { LearningRate = LearningRate },
        ResumeOptimizerState = ResumeOptimizerState,
    };
}
