namespace ActorTrain.Config.Settings;

/// <summary>`optimizer`: the optimizer every stage runs and its hyper-parameters.</summary>
/// <param name="Beta1">Adam's first-moment decay (`betas[0]`).</param>
/// <param name="Beta2">Adam's second-moment decay (`betas[1]`).</param>
public sealed record OptimizerSettings(
    OptimizerType Type, double Lr, double Momentum, bool Nesterov, double WeightDecay, double Beta1, double Beta2, double Eps)
{
    internal static OptimizerSettings Read(SettingsReader r)
    {
        var type = r.Choice<OptimizerType>("type");
        var lr = r.Number("lr", NumberRange.Positive);
        var momentum = r.Number("momentum", NumberRange.FractionBelowOne);
        var nesterov = r.Bool("nesterov");
        var weightDecay = r.Number("weight-decay", NumberRange.NonNegative);
        var betas = r.NumberList("betas", "two numbers in [0, 1), e.g. [0.9, 0.999]", NumberRange.FractionBelowOne);
        var eps = r.Number("eps", NumberRange.Positive);
        if (r.Value("betas") is Hocon.HoconArray { Count: not 2 } written)
            r.Report("betas", "two numbers in [0, 1), e.g. [0.9, 0.999]", written);
        if (nesterov && momentum == 0)
            r.Report("nesterov", $"off when {r.PathOf("momentum")} = 0 (Nesterov momentum needs momentum > 0)", r.Value("nesterov"));
        return new OptimizerSettings(type, lr, momentum, nesterov, weightDecay,
            betas.Count > 0 ? betas[0] : 0, betas.Count > 1 ? betas[1] : 0, eps);
    }
}
