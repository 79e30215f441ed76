namespace ActorTrain.Training.Schedules;

/// <summary>
/// 1F1B (PipeDream-flush, Megatron's non-interleaved schedule): a warm-up of forwards, then one
/// forward and one backward in turn, then the remaining backwards.
/// </summary>
/// <remarks>
/// Stage k (0-indexed) of p runs w = min(p-k-1, m) warm-up forwards, then m-w pairs
/// "F(w+j) B(j)", then backwards B(m-w)..B(m-1). Counting the first forward of the steady phase,
/// stage k runs p-k forwards before its first backward: the "warm-up of p-k forwards" of the design,
/// which counts that forward too. Backwards run in forward order because each stage retires its
/// oldest micro-batch first, which is also what the next stage up sends back first.
///
/// p = 3, m = 4, one time unit per pass (time runs left to right; "." is the bubble):
///
///   time      0   1   2   3   4   5   6   7   8   9  10  11
///   stage 0   F0  F1  F2  .   .   B0  F3  B1  .   B2  .   B3
///   stage 1   .   F0  F1  .   B0  F2  B1  F3  B2  .   B3  .
///   stage 2   .   .   F0  B0  F1  B1  F2  B2  F3  B3  .   .
///
/// The bubble is the same as GPipe's, (p-1)/(m+p-1), but stage k holds at most min(p-k, m)
/// micro-batches' activations instead of m, which is why it is the default.
/// </remarks>
internal sealed class OneFOneBSchedule : IPipelineSchedule
{
    public string Name => ScheduleFactory.OneFOneB;

    public IReadOnlyList<PipelineAction> ActionsFor(int stage, int stages, int microBatches)
    {
        ScheduleArguments.Validate(stage, stages, microBatches);
        var warmUp = Math.Min(stages - stage - 1, microBatches);
        var actions = new List<PipelineAction>(2 * microBatches);
        for (var microBatch = 0; microBatch < warmUp; microBatch++)
        {
            actions.Add(PipelineAction.Forward(microBatch));
        }

        var steady = microBatches - warmUp;
        for (var j = 0; j < steady; j++)
        {
            actions.Add(PipelineAction.Forward(warmUp + j));
            actions.Add(PipelineAction.Backward(j));
        }

        for (var microBatch = steady; microBatch < microBatches; microBatch++)
        {
            actions.Add(PipelineAction.Backward(microBatch));
        }

        return actions;
    }
}
