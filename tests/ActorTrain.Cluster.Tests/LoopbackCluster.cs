using System.Net;
using System.Net.Sockets;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// One clustered run's settings on loopback for a test: hocon/cluster.conf on a data slice (1024 training, 256 test
/// samples, one epoch), free ports for the driver and the store, and output under a temporary directory.
/// </summary>
internal sealed class LoopbackCluster(string outputDir, params string[] extraSets)
{
    private readonly int _port = FreePort(), _storePort = FreePort();

    public string OutputDir => outputDir;

    public string[] Args(string command, params string[] sets)
    {
        var args = new List<string> { command, "--config", RepoPaths.Hocon("cluster.conf") };
        foreach (var set in Sets.Concat(extraSets).Concat(sets)) args.AddRange(["--set", set]);
        return args.ToArray();
    }

    private IEnumerable<string> Sets =>
    [
        "data.train-limit=1024", "data.test-limit=256", "run.epochs=1", $"run.output-dir={outputDir}",
        $"cluster.port={_port}", $"cluster.store-port={_storePort}", "logging.file=on",
    ];

    public CliProcess StartNode(params string[] sets) => CliProcess.Start(Args("node", sets));

    public CliProcess StartDriver(params string[] sets) => CliProcess.Start(Args("train", sets));

    /// <summary>A driver that continues <paramref name="runOrCheckpoint"/> (--resume) with this cluster's settings.</summary>
    public CliProcess StartResumingDriver(string runOrCheckpoint) => CliProcess.Start([.. Args("train"), "--resume", runOrCheckpoint]);

    /// <summary>Trains this configuration in one process (cluster.enabled = off), as the baseline a clustered run must match.</summary>
    public async Task TrainInOneProcessAsync(TimeSpan timeout)
    {
        using var oneProcess = CliProcess.Start(Args("train", "cluster.enabled=off"));
        Assert.True(await oneProcess.ExitCodeAsync(timeout) == 0, oneProcess.Output);
    }

    /// <summary>The one run directory under <see cref="OutputDir"/>.</summary>
    public string RunDirectory() => Assert.Single(Directory.GetDirectories(outputDir));

    /// <summary>The newest checkpoint directory of the one run under <see cref="OutputDir"/>.</summary>
    public string FinalCheckpoint()
    {
        return Directory.GetDirectories(Path.Combine(RunDirectory(), "checkpoints")).Order(StringComparer.Ordinal).Last();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
