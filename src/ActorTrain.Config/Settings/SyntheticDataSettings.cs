namespace ActorTrain.Config.Settings;

/// <summary>`data.synthetic`: the seeded data set used when `data.dataset = synthetic` (tests and benchmarks with no files).</summary>
public sealed record SyntheticDataSettings(int TrainSize, int TestSize, int Classes, long Seed)
{
    internal static SyntheticDataSettings Read(SettingsReader r) => new(
        r.Int("train-size", min: 1),
        r.Int("test-size", min: 1),
        r.Int("classes", min: 2),
        r.Long("seed"));
}
