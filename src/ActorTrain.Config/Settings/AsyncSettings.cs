namespace ActorTrain.Config.Settings;

/// <summary>`async`: pipelined training without flushes.</summary>
/// <param name="MaxInFlight">Micro-batches in flight per stage; 0 = p - k at stage k.</param>
/// <param name="Update">When a stage steps its optimizer: after each micro-batch or once per mini-batch.</param>
public sealed record AsyncSettings(bool WeightStashing, int MaxInFlight, AsyncUpdate Update = AsyncUpdate.MicroBatch)
{
    internal static AsyncSettings Read(SettingsReader r) =>
        new(r.Bool("weight-stashing"), r.Int("max-in-flight", min: 0), r.Choice<AsyncUpdate>("update"));
}
