using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.Distributed;

/// <summary>
/// c10d's TCPStore. One rank (rank 0 by convention) hosts the server inside its process with
/// <see cref="CreateServer"/>; every other rank connects with <see cref="Connect"/>. The server
/// stops when its host process disposes it or exits.
/// </summary>
public sealed class TcpStore : Store
{
    private TcpStore(StoreHandle handle, TimeSpan timeout, string host, int port)
        : base(handle, timeout, $"store {host}:{port}")
    {
        Host = host;
        Port = port;
    }

    public string Host { get; }

    /// <summary>The port the server listens on: the one asked for, or the one chosen when asked for 0.</summary>
    public int Port { get; }

    /// <summary>
    /// Starts a store server on <paramref name="host"/>:<paramref name="port"/> (0 picks a free port,
    /// see <see cref="Port"/>) and connects to it. Returns without waiting for other ranks.
    /// </summary>
    public static TcpStore CreateServer(string host, int port, TimeSpan timeout) => Create(host, port, isServer: true, timeout);

    /// <summary>Connects to a store server, retrying until <paramref name="timeout"/> while it is not up yet.</summary>
    public static TcpStore Connect(string host, int port, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfZero(port);
        return Create(host, port, isServer: false, timeout);
    }

    private static TcpStore Create(string host, int port, bool isServer, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        var ms = Timeouts.ToMilliseconds(timeout, nameof(timeout));
        Native.EnsureLoaded();
        var status = NativeMethods.at_store_tcp_create(host, port, isServer ? 1 : 0, ms, out var handle, out var bound);
        if (status != 0)
            throw DistributedException.FromStatus(status, $"{(isServer ? "starting" : "connecting to")} store {host}:{port}");
        return new TcpStore(new StoreHandle(handle), timeout, host, bound);
    }
}
