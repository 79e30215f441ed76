namespace ActorTrain.Cli.Bench;

/// <summary>One whole-run benchmark, `actortrain bench NAME`. Register new ones in <see cref="BenchCatalog"/>.</summary>
internal interface IBench
{
    string Name { get; }
    string Summary { get; }
    /// <summary>Runs the benchmark; <paramref name="progress"/> takes human-readable progress lines (stderr).</summary>
    BenchReport Run(BenchOptions options, Action<string> progress);
}
