namespace ActorTrain.Training.Schedules;

/// <summary>The argument checks every schedule and the theory helpers share, so they fail with the same words.</summary>
internal static class ScheduleArguments
{
    public static void Validate(int stage, int stages, int microBatches)
    {
        ValidateStages(stages);
        if (microBatches < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(microBatches), microBatches, $"a mini-batch needs at least one micro-batch, got {microBatches}");
        }

        ValidateStage(stage, stages);
    }

    public static void ValidateStages(int stages)
    {
        if (stages < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(stages), stages, $"a pipeline needs at least one stage, got {stages}");
        }
    }

    public static void ValidateStage(int stage, int stages)
    {
        if (stage < 0 || stage >= stages)
        {
            throw new ArgumentOutOfRangeException(
                nameof(stage), stage, $"stage {stage} is outside a pipeline of {stages} stages (0 to {stages - 1})");
        }
    }
}
