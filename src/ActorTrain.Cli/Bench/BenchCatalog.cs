namespace ActorTrain.Cli.Bench;

/// <summary>Every `actortrain bench` target.</summary>
internal static class BenchCatalog
{
    public static readonly IReadOnlyList<IBench> All =
    [
        new DataBench(),
        new ComputeBench(),
        new PipelineBench(),
        new ModesBench(),
        new ActorsBench(),
        new SeedsBench(),
        new ClusterBench(),
        new IstDpBench(),
    ];
}
