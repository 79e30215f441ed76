namespace ActorTrain.Training.Schedules;

/// <summary>
/// A synchronous pipeline schedule: a pure function of (stages p, micro-batches m) giving each stage
/// the order in which it runs its forward and backward passes for one mini-batch. Every stage runs
/// F0..F(m-1) and B0..B(m-1) exactly once, each backward after its own forward. The optimizer step
/// is not part of the list: the driver runs it after the flush, once every stage is done.
/// </summary>
internal interface IPipelineSchedule
{
    /// <summary>The name used in configuration ("gpipe", "1f1b").</summary>
    string Name { get; }

    /// <summary>The ordered actions of stage <paramref name="stage"/> (0-indexed) of <paramref name="stages"/>.</summary>
    IReadOnlyList<PipelineAction> ActionsFor(int stage, int stages, int microBatches);

    /// <summary>Every stage's actions, indexed by stage.</summary>
    IReadOnlyList<IReadOnlyList<PipelineAction>> Table(int stages, int microBatches)
    {
        ScheduleArguments.Validate(0, stages, microBatches);
        var table = new IReadOnlyList<PipelineAction>[stages];
        for (var stage = 0; stage < stages; stage++)
        {
            table[stage] = ActionsFor(stage, stages, microBatches);
        }

        return table;
    }
}
