using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.Distributed;

/// <summary>
/// A set of ranks that move tensors between them (c10d's ProcessGroupGloo). A send returns only
/// once the peer has posted the matching receive (same source, tag, dtype and shape), so two sends
/// that must overlap need two threads; collectives must be called in the same order on every rank.
/// Every call waits at most its timeout (by default the group's <see cref="Timeout"/>); a peer
/// that dies or closes its connection makes the call fail with a <see cref="DistributedException"/>
/// naming that peer, never hang. The shim checks dtype and shape on both sides before any payload
/// moves, so a mismatch is an error on the ranks involved rather than corrupt data or a crash.
/// After a timeout or a lost peer, dispose the group and build a new one under a fresh
/// <see cref="Store.WithPrefix"/>. Point-to-point tensors must be contiguous CPU tensors.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    private readonly ProcessGroupHandle _handle;

    private ProcessGroup(ProcessGroupHandle handle, int rank, int size, TimeSpan timeout)
    {
        _handle = handle;
        Rank = rank;
        Size = size;
        Timeout = timeout;
    }

    public int Rank { get; }

    public int Size { get; }

    /// <summary>How long a call waits when it is given no timeout of its own.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// Joins a Gloo group: every rank calls this with the same store and world size, and it returns
    /// once all are connected (or throws after <paramref name="timeout"/>). <paramref name="localAddress"/>
    /// is the address this rank binds and tells its peers ("127.0.0.1" for a run on one machine);
    /// null lets Gloo resolve this machine's hostname. Two groups on one store need different prefixes.
    /// </summary>
    public static ProcessGroup CreateGloo(Store store, int rank, int worldSize, TimeSpan timeout, string? localAddress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(worldSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, worldSize);
        var ms = Timeouts.ToMilliseconds(timeout, nameof(timeout));
        var status = NativeMethods.at_group_gloo_create(store.Handle, rank, worldSize, localAddress ?? string.Empty, ms, out var handle);
        if (status != 0)
            throw DistributedException.FromStatus(status, $"rank {rank} joining a Gloo group of {worldSize} through {store}");
        return new ProcessGroup(new ProcessGroupHandle(handle), rank, worldSize, timeout);
    }

    /// <summary>Sends the tensor to rank <paramref name="dst"/>, whose matching <see cref="Recv"/> uses the same tag.</summary>
    public void Send(Tensor tensor, int dst, int tag, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckPeer(dst, nameof(dst));
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        var status = NativeMethods.at_group_send(Handle, tensor.Handle, dst, tag, Milliseconds(timeout));
        if (status != 0) throw DistributedException.FromStatus(status, $"rank {Rank}: send to rank {dst} (tag {tag})");
    }

    /// <summary>
    /// Receives from rank <paramref name="src"/> into <paramref name="into"/>. A message of another
    /// dtype or shape is taken off the wire and refused with an error naming both.
    /// </summary>
    public void Recv(Tensor into, int src, int tag, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(into);
        CheckPeer(src, nameof(src));
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        var status = NativeMethods.at_group_recv(Handle, into.Handle, src, tag, Milliseconds(timeout));
        if (status != 0) throw DistributedException.FromStatus(status, $"rank {Rank}: receive from rank {src} (tag {tag})");
    }

    /// <summary>Combines the tensor across all ranks, in place: every rank ends with the same result.</summary>
    public void AllReduce(Tensor tensor, ReduceOp op = ReduceOp.Sum, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!Enum.IsDefined(op)) throw new ArgumentOutOfRangeException(nameof(op), op, "unknown reduce op");
        var status = NativeMethods.at_group_allreduce(Handle, tensor.Handle, (int)op, Milliseconds(timeout));
        if (status != 0) throw DistributedException.FromStatus(status, $"rank {Rank}: all-reduce ({op}) over {Size} ranks");
    }

    /// <summary>Copies rank <paramref name="root"/>'s tensor into the same-shaped tensor of every other rank.</summary>
    public void Broadcast(Tensor tensor, int root, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        var status = NativeMethods.at_group_broadcast(Handle, tensor.Handle, root, Milliseconds(timeout));
        if (status != 0) throw DistributedException.FromStatus(status, $"rank {Rank}: broadcast from rank {root}");
    }

    /// <summary>Returns once every rank has called it.</summary>
    public void Barrier(TimeSpan? timeout = null)
    {
        var status = NativeMethods.at_group_barrier(Handle, Milliseconds(timeout));
        if (status != 0) throw DistributedException.FromStatus(status, $"rank {Rank}: barrier over {Size} ranks");
    }

    /// <summary>Closes this rank's connections; peers blocked on it fail at once with "connection closed".</summary>
    public void Dispose() => _handle.Dispose();

    private ProcessGroupHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    private long Milliseconds(TimeSpan? timeout) => Timeouts.ToMilliseconds(timeout ?? Timeout, nameof(timeout));

    private void CheckPeer(int peer, string paramName)
    {
        if (peer < 0 || peer >= Size || peer == Rank)
            throw new ArgumentOutOfRangeException(paramName, peer, $"peer must be another rank of this group (0..{Size - 1}, not {Rank})");
    }
}
