namespace ActorTrain.Training.Observability;

/// <summary>
/// The moment a fault plan's entry was injected: its kind ("drop", "crash"), where ("0->1", "stage 1", "checkpoint"),
/// the step and micro-batch it hit (-1 where none) and when, so a timeline can show the fault before its detection.
/// <paramref name="Stage"/> is the stage a stage or node fault acts on (-1: a link or a checkpoint).
/// </summary>
public sealed record FaultInjection(string Kind, string Where, long Step, int MicroBatch, long Timestamp, int Stage = -1)
{
    /// <summary>How timelines label it: "injected drop on 0->1 (step 3, micro-batch 1)".</summary>
    public string Label => $"injected {Kind} on {Where} (step {Step}{(MicroBatch >= 0 ? $", micro-batch {MicroBatch}" : "")})";
}
