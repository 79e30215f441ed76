namespace ActorTrain.Config.Settings;

/// <summary>`links`: the link protocol's resend timeout and how many frames a sender keeps for resending.</summary>
public sealed record LinkSettings(TimeSpan ResendTimeout, int Retained)
{
    internal static LinkSettings Read(SettingsReader r) => new(r.Duration("resend-timeout"), r.Int("retained", min: 1));
}
