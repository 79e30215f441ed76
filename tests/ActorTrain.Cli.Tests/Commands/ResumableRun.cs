namespace ActorTrain.Cli.Tests.Commands;

/// <summary>
/// One small run trained on first use and shared by a test class: a 3-block custom model in 2 stages, 512 samples,
/// 4 steps, with a checkpoint mid-epoch at step 2 and one at the end.
/// </summary>
public sealed class ResumableRun : IDisposable
{
    public const string Layers = "model.layers=[\"linear 64\", \"relu\", \"linear 32\", \"relu\", \"linear 10\"]";

    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("actortrain-cli-resumable-").FullName;
    private readonly Lazy<string> _run;

    public ResumableRun() => _run = new Lazy<string>(Train);

    /// <summary>The run directory (trained when first asked for, so a test that skips trains nothing).</summary>
    public string Directory => _run.Value;

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    /// <summary>`train` arguments for this run's configuration, writing to <paramref name="outputDir"/>.</summary>
    public static string[] Args(string outputDir, params string[] extra) =>
    [
        "train", "--config", RepoPaths.Hocon("local-sync.conf"), "--set", $"run.output-dir={outputDir}",
        "--set", "data.train-limit=512", "--set", "data.test-limit=256", "--set", "run.epochs=1",
        "--set", "model.preset=custom", "--set", Layers, "--set", "pipeline.partition=parameters", .. extra,
    ];

    private string Train()
    {
        var output = Path.Combine(_root, "trained");
        Assert.Equal(0, CommandLine.Run(Args(output, "--set", "run.checkpoint-every=2", "--set", "run.keep-checkpoints=5")));
        return Assert.Single(System.IO.Directory.GetDirectories(output));
    }
}
