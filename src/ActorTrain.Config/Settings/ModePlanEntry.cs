namespace ActorTrain.Config.Settings;

/// <summary>One entry of `mode-plan`: train in <see cref="Mode"/> for <see cref="Epochs"/> epochs, keeping or resetting optimizer state when it starts.</summary>
/// <param name="LearningRate">The entry's own learning rate (`lr`), or null for `optimizer.lr`: a recovery epoch after
/// decoupled training is a fine-tuning phase and may want a smaller step than the phase before it.</param>
public sealed record ModePlanEntry(TrainingMode Mode, int Epochs, OptimizerStatePolicy OptimizerState, double? LearningRate = null)
{
    private static readonly string[] Keys = ["mode", "epochs", "optimizer-state", "lr"];

    internal static IReadOnlyList<ModePlanEntry> ReadPlan(SettingsReader root)
    {
        const string expected = "an object such as { mode = sync, epochs = 1 }";
        var entries = new List<ModePlanEntry>();
        var values = root.List("mode-plan", "an array of { mode = ..., epochs = ... } objects");
        for (var i = 0; i < values.Count; i++)
        {
            var r = root.Item("mode-plan", i, values[i], expected);
            r.CheckKeys(Keys);
            entries.Add(new ModePlanEntry(
                r.Choice<TrainingMode>("mode"),
                r.Int("epochs", min: 1),
                r.Choice<OptimizerStatePolicy>("optimizer-state", whenMissing: OptimizerStatePolicy.Keep),
                r.Value("lr") is null ? null : r.Number("lr", NumberRange.Positive)));
        }
        return entries;
    }
}
