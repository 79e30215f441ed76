namespace ActorTrain.Training.Schedules;

/// <summary>The closed-form figures measured runs are compared against.</summary>
internal static class PipelineTheory
{
    /// <summary>
    /// The bubble share of a flushed pipeline (GPipe or 1F1B) with equal-length stages: each stage
    /// idles p-1 of the m+p-1 slots of the forward phase and again of the backward phase.
    /// </summary>
    public static double TheoreticalBubbleShare(int stages, int microBatches)
    {
        ScheduleArguments.Validate(0, stages, microBatches);
        return (stages - 1) / (double)(microBatches + stages - 1);
    }

    /// <summary>
    /// In async mode (no flush) the most micro-batches stage k (0-indexed) may have forwarded but not
    /// yet backwarded: p - k. That is the depth 1F1B's warm-up reaches at stage k, enough to keep
    /// the stage busy while the oldest micro-batch travels to the last stage and back; more would
    /// only hold more activations and make gradients staler. It is also the bound on how many
    /// updates stale stage k's gradients can be.
    /// </summary>
    public static int AsyncInFlightLimit(int stages, int stage)
    {
        ScheduleArguments.ValidateStages(stages);
        ScheduleArguments.ValidateStage(stage, stages);
        return stages - stage;
    }
}
