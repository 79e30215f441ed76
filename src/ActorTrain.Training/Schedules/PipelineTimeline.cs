namespace ActorTrain.Training.Schedules;

/// <summary>The simulated run of one mini-batch through a schedule, starting at time 0.</summary>
internal sealed record PipelineTimeline(int MicroBatches, IReadOnlyList<StageTimeline> Stages)
{
    /// <summary>When the last action on any stage ends: the time to the flush.</summary>
    public double Makespan => Stages.Max(stage => stage.Actions.Count == 0 ? 0 : stage.Actions[^1].End);

    /// <summary>The share of stage time spent idle before the flush: 1 - total busy / (p × makespan).</summary>
    public double BubbleShare
    {
        get
        {
            var makespan = Makespan;
            return makespan == 0 ? 0 : 1 - Stages.Sum(stage => stage.BusyTime) / (Stages.Count * makespan);
        }
    }
}
