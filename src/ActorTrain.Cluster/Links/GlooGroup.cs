using ActorTrain.Cluster.Messages;
using ActorTrain.Torch.Distributed;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// A worker's place in its run's Gloo group: the connection to the driver's TCPStore, the run generation's prefix over
/// it, and the group itself, released together. Joining blocks until every rank has joined (or the timeout), so workers
/// join off their actor thread.
/// </summary>
internal sealed class GlooGroup : IDisposable
{
    private readonly TcpStore _store;
    private readonly PrefixStore _prefixed;

    private GlooGroup(TcpStore store, PrefixStore prefixed, ProcessGroup group) => (_store, _prefixed, Group) = (store, prefixed, group);

    public ProcessGroup Group { get; }

    /// <summary>Joins as the plan's rank, binding <paramref name="localAddress"/>, this worker's own address.</summary>
    public static GlooGroup Join(HostStages plan, TimeSpan timeout, string localAddress)
    {
        var store = TcpStore.Connect(plan.StoreHost, plan.StorePort, timeout);
        var prefixed = store.WithPrefix(plan.StorePrefix);
        try
        {
            return new GlooGroup(store, prefixed, ProcessGroup.CreateGloo(prefixed, plan.Rank, plan.WorldSize, timeout, localAddress));
        }
        catch
        {
            prefixed.Dispose();
            store.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Group.Dispose();
        _prefixed.Dispose();
        _store.Dispose();
    }
}
