namespace ActorTrain.Data.Datasets;

/// <summary>
/// What to load, as plain values so configuration settings map onto it one to one.
/// Limits keep the first N samples of a split (0 = all). The synthetic sizes and seed matter only for "synthetic".
/// </summary>
public sealed record DatasetRequest
{
    /// <summary>One of <see cref="DatasetCatalog.Names"/>.</summary>
    public string Name { get; init; } = DatasetCatalog.FashionMnist;

    /// <summary>The directory holding the IDX files; null means the dataset's default (only fashion-mnist has one).</summary>
    public string? Path { get; init; }

    /// <summary>One of <see cref="DatasetCatalog.EmnistSplits"/>.</summary>
    public string EmnistSplit { get; init; } = "balanced";

    public int TrainLimit { get; init; }
    public int TestLimit { get; init; }

    public int SyntheticTrainCount { get; init; } = 10_000;
    public int SyntheticTestCount { get; init; } = 2_000;
    public int SyntheticClasses { get; init; } = 10;

    /// <summary>Pixels per synthetic image; a perfect square gives square images (784 = 28x28), anything else one row.</summary>
    public int SyntheticFeatures { get; init; } = 784;

    public long SyntheticSeed { get; init; } = 1;
}
