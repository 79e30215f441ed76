namespace ActorTrain.Training.Schedules;

/// <summary>How long one stage takes for one micro-batch's forward and backward pass, in any one time unit.</summary>
public readonly record struct StageDurations(double Forward, double Backward)
{
    /// <summary>One unit each way: the durations under which the bubble share is (p-1)/(m+p-1).</summary>
    public static StageDurations Unit { get; } = new(1, 1);
}
