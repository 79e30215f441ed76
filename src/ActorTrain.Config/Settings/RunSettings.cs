namespace ActorTrain.Config.Settings;

/// <summary>`run`: what identifies a run and how long it trains when no mode plan is given.</summary>
/// <param name="CheckpointEvery">Steps between checkpoints; 0 = only at the end.</param>
/// <param name="KeepCheckpoints">Complete checkpoints kept in the run directory; older ones are deleted.</param>
/// <param name="InterruptTimeout">How long a run interrupted by SIGINT/SIGTERM may take to drain and checkpoint before it exits at once.</param>
public sealed record RunSettings(
    string Name, long Seed, int Epochs, TrainingMode Mode, string OutputDir, int CheckpointEvery, bool EvalEveryEpoch, int KeepCheckpoints,
    TimeSpan InterruptTimeout)
{
    internal static RunSettings Read(SettingsReader r) => new(
        r.String("name", nonEmpty: true),
        r.Long("seed"),
        r.Int("epochs", min: 1),
        r.Choice<TrainingMode>("mode"),
        r.String("output-dir", nonEmpty: true),
        r.Int("checkpoint-every", min: 0),
        r.Bool("eval-every-epoch"),
        r.Int("keep-checkpoints", min: 1),
        r.Duration("interrupt-timeout"));
}
