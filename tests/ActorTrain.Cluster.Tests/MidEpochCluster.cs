namespace ActorTrain.Cluster.Tests;

/// <summary>
/// Two workers and a driver on a 128-step epoch (16,384 samples), handed over a second after training started: time
/// enough to kill or signal a process mid-epoch. Disposing kills whatever still runs.
/// </summary>
internal sealed class MidEpochCluster : IDisposable
{
    private MidEpochCluster(LoopbackCluster cluster) => Cluster = cluster;

    public LoopbackCluster Cluster { get; }

    public CliProcess Worker0 { get; private set; } = null!;

    public CliProcess Worker1 { get; private set; } = null!;

    public CliProcess Driver { get; private set; } = null!;

    public static async Task<MidEpochCluster> StartAsync(string outputDir, TimeSpan timeout)
    {
        var running = new MidEpochCluster(new LoopbackCluster(outputDir, "data.train-limit=16384"));
        running.Worker0 = running.Cluster.StartNode();
        running.Worker1 = running.Cluster.StartNode();
        running.Driver = running.Cluster.StartDriver();
        await running.Driver.WaitForAsync("training 1 epoch(s)", timeout);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return running;
    }

    public void Dispose()
    {
        Driver.Dispose();
        Worker1.Dispose();
        Worker0.Dispose();
    }
}
