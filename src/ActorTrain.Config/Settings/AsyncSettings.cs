namespace ActorTrain.Config.Settings;

/// <summary>`async`: pipelined training without flushes.</summary>
/// <param name="MaxInFlight">Micro-batches in flight per stage; 0 = p - k at stage k.</param>
public sealed record AsyncSettings(bool WeightStashing, int MaxInFlight)
{
    internal static AsyncSettings Read(SettingsReader r) => new(r.Bool("weight-stashing"), r.Int("max-in-flight", min: 0));
}
