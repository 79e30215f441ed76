namespace ActorTrain.Training.Schedules;

/// <summary>One stage's simulated actions, in the order it ran them.</summary>
internal sealed record StageTimeline(int Stage, IReadOnlyList<TimedAction> Actions)
{
    public double BusyTime => Actions.Sum(action => action.Duration);

    /// <summary>
    /// The most micro-batches forwarded and not yet backwarded at once: how many micro-batches'
    /// activations the stage must keep, which is what separates 1F1B from GPipe.
    /// </summary>
    public int PeakInFlight
    {
        get
        {
            int inFlight = 0, peak = 0;
            foreach (var timed in Actions)
            {
                inFlight += timed.Action.Kind == ActionKind.Forward ? 1 : -1;
                peak = Math.Max(peak, inFlight);
            }

            return peak;
        }
    }
}
