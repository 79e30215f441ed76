namespace ActorTrain.Config.Settings;

/// <summary>`policy`: when the supervisor may switch modes on its own while training.</summary>
/// <param name="CheckEverySteps">Steps between checks; 0 = only at epoch ends.</param>
/// <param name="WaitShareThreshold">Switch when stages wait more than this share of the time.</param>
/// <param name="FlatEvaluations">Switch when validation accuracy has not improved for this many evaluations.</param>
public sealed record PolicySettings(
    bool Enabled, int CheckEverySteps, double WaitShareThreshold, bool SwitchOnStraggler, int FlatEvaluations)
{
    internal static PolicySettings Read(SettingsReader r) => new(
        r.Bool("enabled"),
        r.Int("check-every-steps", min: 0),
        r.Number("wait-share-threshold", NumberRange.Fraction),
        r.Bool("switch-on-straggler"),
        r.Int("flat-evaluations", min: 1));
}
