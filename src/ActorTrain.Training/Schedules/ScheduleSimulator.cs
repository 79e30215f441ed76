using System.Text;

namespace ActorTrain.Training.Schedules;

/// <summary>
/// Plays a schedule on an idealised clock: each stage runs its list in order, F(k, i) starts after
/// F(k-1, i) ends, B(k, i) after B(k+1, i) and F(k, i) end, messages travel instantly and mailboxes
/// are unbounded. It gives the timeline and bubble share a schedule promises, and proves it cannot
/// deadlock.
/// </summary>
internal static class ScheduleSimulator
{
    /// <summary>Simulates <paramref name="schedule"/> with one time unit per forward and per backward pass.</summary>
    public static PipelineTimeline Simulate(IPipelineSchedule schedule, int stages, int microBatches)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ScheduleArguments.ValidateStages(stages);
        return Simulate(schedule.Table(stages, microBatches), microBatches, Enumerable.Repeat(StageDurations.Unit, stages).ToArray());
    }

    /// <summary>Simulates <paramref name="schedule"/> with each stage's own pass durations.</summary>
    public static PipelineTimeline Simulate(
        IPipelineSchedule schedule, int stages, int microBatches, IReadOnlyList<StageDurations> durations)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Simulate(schedule.Table(stages, microBatches), microBatches, durations);
    }

    /// <summary>Simulates an explicit table of per-stage action lists, such as a hand-written schedule.</summary>
    /// <exception cref="ArgumentException">A stage does not run every micro-batch's forward and backward exactly once.</exception>
    /// <exception cref="InvalidOperationException">The table deadlocks; the message names every stuck stage and what it waits for.</exception>
    public static PipelineTimeline Simulate(
        IReadOnlyList<IReadOnlyList<PipelineAction>> table, int microBatches, IReadOnlyList<StageDurations> durations)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(durations);
        ScheduleArguments.Validate(0, table.Count, microBatches);
        ValidateDurations(durations, table.Count);
        ValidateTable(table, microBatches);

        var stages = table.Count;
        var forwardEnd = NewEndTimes(stages, microBatches);
        var backwardEnd = NewEndTimes(stages, microBatches);
        var timed = new List<TimedAction>[stages];
        var clock = new double[stages];
        for (var stage = 0; stage < stages; stage++)
        {
            timed[stage] = new List<TimedAction>(table[stage].Count);
        }

        // Start times depend only on end times already fixed, so sweeping the stages until none can
        // move gives the same timeline in any sweep order; a sweep with no progress is a deadlock.
        var remaining = stages * 2 * microBatches;
        while (remaining > 0)
        {
            var progressed = false;
            for (var stage = 0; stage < stages; stage++)
            {
                while (timed[stage].Count < table[stage].Count)
                {
                    var action = table[stage][timed[stage].Count];
                    var ready = ReadyTime(action, stage, stages, forwardEnd, backwardEnd);
                    if (ready is null)
                    {
                        break;
                    }

                    var start = Math.Max(clock[stage], ready.Value);
                    var forward = action.Kind == ActionKind.Forward;
                    var end = start + (forward ? durations[stage].Forward : durations[stage].Backward);
                    (forward ? forwardEnd : backwardEnd)[stage][action.MicroBatch] = end;
                    timed[stage].Add(new TimedAction(action, start, end));
                    clock[stage] = end;
                    remaining--;
                    progressed = true;
                }
            }

            if (!progressed)
            {
                throw new InvalidOperationException(DescribeDeadlock(table, timed, stages));
            }
        }

        return new PipelineTimeline(
            microBatches, timed.Select((actions, stage) => new StageTimeline(stage, actions)).ToArray());
    }

    private static double? ReadyTime(
        PipelineAction action, int stage, int stages, double?[][] forwardEnd, double?[][] backwardEnd)
    {
        var microBatch = action.MicroBatch;
        if (action.Kind == ActionKind.Forward)
        {
            return stage == 0 ? 0 : forwardEnd[stage - 1][microBatch];
        }

        var ownForward = forwardEnd[stage][microBatch];
        if (stage == stages - 1 || ownForward is null)
        {
            return ownForward;
        }

        var gradient = backwardEnd[stage + 1][microBatch];
        return gradient is null ? null : Math.Max(ownForward.Value, gradient.Value);
    }

    private static string DescribeDeadlock(
        IReadOnlyList<IReadOnlyList<PipelineAction>> table, List<TimedAction>[] timed, int stages)
    {
        var text = new StringBuilder("the schedule deadlocks:");
        for (var stage = 0; stage < stages; stage++)
        {
            if (timed[stage].Count == table[stage].Count)
            {
                continue;
            }

            var action = table[stage][timed[stage].Count];
            var needs = action.Kind == ActionKind.Forward
                ? $"F{action.MicroBatch} of stage {stage - 1}"
                : timed[stage].Any(done => done.Action == PipelineAction.Forward(action.MicroBatch))
                    ? $"B{action.MicroBatch} of stage {stage + 1}"
                    : $"its own F{action.MicroBatch}";
            text.Append($" stage {stage} waits to run {action}, which needs {needs};");
        }

        return text.ToString().TrimEnd(';');
    }

    private static double?[][] NewEndTimes(int stages, int microBatches) =>
        Enumerable.Range(0, stages).Select(_ => new double?[microBatches]).ToArray();

    private static void ValidateDurations(IReadOnlyList<StageDurations> durations, int stages)
    {
        if (durations.Count != stages)
        {
            throw new ArgumentException(
                $"{durations.Count} stage durations given for a pipeline of {stages} stages", nameof(durations));
        }

        for (var stage = 0; stage < stages; stage++)
        {
            var (forward, backward) = durations[stage];
            if (!double.IsFinite(forward) || !double.IsFinite(backward) || forward < 0 || backward < 0)
            {
                throw new ArgumentException(
                    FormattableString.Invariant(
                        $"stage {stage} durations must be finite and not negative, got forward {forward} and backward {backward}"),
                    nameof(durations));
            }
        }
    }

    private static void ValidateTable(IReadOnlyList<IReadOnlyList<PipelineAction>> table, int microBatches)
    {
        for (var stage = 0; stage < table.Count; stage++)
        {
            var actions = table[stage] ?? throw new ArgumentException($"stage {stage} has no action list", nameof(table));
            var seen = new HashSet<PipelineAction>();
            foreach (var action in actions)
            {
                if (action.MicroBatch < 0 || action.MicroBatch >= microBatches)
                {
                    throw new ArgumentException(
                        $"stage {stage} runs {action} but the micro-batches are 0 to {microBatches - 1}", nameof(table));
                }

                if (!seen.Add(action))
                {
                    throw new ArgumentException($"stage {stage} runs {action} twice", nameof(table));
                }
            }

            if (seen.Count != 2 * microBatches)
            {
                throw new ArgumentException(
                    $"stage {stage} runs {seen.Count} actions but {microBatches} micro-batches need {2 * microBatches}"
                        + " (each forward and backward once)",
                    nameof(table));
            }
        }
    }
}
