namespace ActorTrain.Config.Settings;

/// <summary>`decoupled`: training with synthetic intermediate labels (codes per class at each stage boundary).</summary>
/// <param name="MinCodeDistance">A code table whose closest pair of codes is nearer than this is redrawn.</param>
/// <param name="NoiseSigma">Standard deviation of the noise added to the codes fed to middle and last stages.</param>
/// <param name="StageEnd">Whether a stage that learns codes ends in its last weight layer or as in the whole model.</param>
public sealed record DecoupledSettings(
    DecoupledVariant Variant, CodeDistribution Codes, double CodeScale, double MinCodeDistance, int MaxRedraws,
    double NoiseSigma, DecoupledLoss Loss, OptimizerStatePolicy OptimizerState, DecoupledStageEnd StageEnd = DecoupledStageEnd.Linear)
{
    internal static DecoupledSettings Read(SettingsReader r) => new(
        r.Choice<DecoupledVariant>("variant"),
        r.Choice<CodeDistribution>("codes"),
        r.Number("code-scale", NumberRange.Positive),
        r.Number("min-code-distance", NumberRange.NonNegative),
        r.Int("max-redraws", min: 1),
        r.Number("noise-sigma", NumberRange.NonNegative),
        r.Choice<DecoupledLoss>("loss"),
        r.Choice<OptimizerStatePolicy>("optimizer-state"),
        r.Choice<DecoupledStageEnd>("stage-end"));
}
