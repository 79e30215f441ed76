namespace ActorTrain.Training.Schedules;

/// <summary>
/// GPipe: every stage runs all forwards in order, then all backwards in reverse order.
/// </summary>
/// <remarks>
/// Backward runs B(m-1)..B0, as torchgpipe's autograd does: the last stage starts backward with
/// the micro-batch it forwarded last, so it never idles between its last forward and its first
/// backward. Every stage uses the same backward order, so B(k, i) waits only for B(k+1, i), which
/// stage k+1 runs at the same position in its list: the pipeline cannot deadlock.
///
/// p = 3, m = 4, one time unit per pass (time runs left to right; "." is the bubble):
///
///   time      0   1   2   3   4   5   6   7   8   9  10  11
///   stage 0   F0  F1  F2  F3  .   .   .   .   B3  B2  B1  B0
///   stage 1   .   F0  F1  F2  F3  .   .   B3  B2  B1  B0  .
///   stage 2   .   .   F0  F1  F2  F3  B3  B2  B1  B0  .   .
///
/// Each stage idles 2(p-1) of 2(m+p-1) units: the bubble share (p-1)/(m+p-1). Every stage keeps
/// the activations of all m micro-batches until its backwards start.
/// </remarks>
internal sealed class GPipeSchedule : IPipelineSchedule
{
    public string Name => ScheduleFactory.GPipe;

    public IReadOnlyList<PipelineAction> ActionsFor(int stage, int stages, int microBatches)
    {
        ScheduleArguments.Validate(stage, stages, microBatches);
        var actions = new List<PipelineAction>(2 * microBatches);
        for (var microBatch = 0; microBatch < microBatches; microBatch++)
        {
            actions.Add(PipelineAction.Forward(microBatch));
        }

        for (var microBatch = microBatches - 1; microBatch >= 0; microBatch--)
        {
            actions.Add(PipelineAction.Backward(microBatch));
        }

        return actions;
    }
}
