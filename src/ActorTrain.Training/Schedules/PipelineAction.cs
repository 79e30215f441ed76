using System.Globalization;

namespace ActorTrain.Training.Schedules;

/// <summary>One pass of one micro-batch on one stage; prints as "F3" or "B3", the notation of the timing tables.</summary>
public readonly record struct PipelineAction(ActionKind Kind, int MicroBatch)
{
    public static PipelineAction Forward(int microBatch) => new(ActionKind.Forward, microBatch);

    public static PipelineAction Backward(int microBatch) => new(ActionKind.Backward, microBatch);

    public override string ToString() =>
        (Kind == ActionKind.Forward ? "F" : "B") + MicroBatch.ToString(CultureInfo.InvariantCulture);
}
