namespace ActorTrain.Training.Schedules;

/// <summary>An action placed on the simulated clock.</summary>
public readonly record struct TimedAction(PipelineAction Action, double Start, double End)
{
    public double Duration => End - Start;
}
