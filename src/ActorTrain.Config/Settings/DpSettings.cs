namespace ActorTrain.Config.Settings;

/// <summary>`dp`: plain data parallelism, the baseline the other modes are measured against.</summary>
public sealed record DpSettings(int Replicas)
{
    internal static DpSettings Read(SettingsReader r) => new(r.Int("replicas", min: 1));
}
