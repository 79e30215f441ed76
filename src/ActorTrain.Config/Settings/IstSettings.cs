namespace ActorTrain.Config.Settings;

/// <summary>`ist`: independent subnet training.</summary>
/// <param name="LocalSteps">Local steps per round (R) before the slices go back to the parameter server.</param>
public sealed record IstSettings(int Workers, int LocalSteps, IstOptimizerState OptimizerState, BatchNormEval BnEval)
{
    internal static IstSettings Read(SettingsReader r) => new(
        r.Int("workers", min: 1),
        r.Int("local-steps", min: 1),
        r.Choice<IstOptimizerState>("optimizer-state"),
        r.Choice<BatchNormEval>("bn-eval"));
}
