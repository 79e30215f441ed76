using Akka.Actor;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// One run generation's driver actor in a clustered mode plan. The first waits for workers to introduce themselves at
/// its well-known name; each later one adopts the workers of the one before it, under a name of its own (the previous
/// driver's name may not be free yet), once that one has stopped and closed the TCPStore on the store port.
/// </summary>
internal sealed class DriverGeneration(int index = 0, AdoptWorkers? workers = null)
{
    private static readonly TimeSpan HandOverTimeout = TimeSpan.FromSeconds(30);

    private IActorRef? _driver;

    public string ActorName => index == 0 ? ClusterAkkaConfig.DriverActorName : $"{ClusterAkkaConfig.DriverActorName}-{index}";

    public void Started(IActorRef driver)
    {
        _driver = driver;
        if (workers is not null) driver.Tell(workers);
    }

    /// <summary>The generation after this one, whose driver ended its run: it takes over the workers, and this driver stops.</summary>
    public async Task<DriverGeneration> NextAsync()
    {
        var driver = _driver ?? throw new InvalidOperationException("this generation's driver never started");
        var handed = await driver.Ask<AdoptWorkers>(HandOverWorkers.Instance, HandOverTimeout).ConfigureAwait(false);
        await driver.GracefulStop(HandOverTimeout).ConfigureAwait(false);
        return new DriverGeneration(index + 1, handed);
    }
}
