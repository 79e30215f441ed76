using ActorTrain.Torch.Distributed;

namespace ActorTrain.Torch.Tests.Distributed;

/// <summary>
/// Two Gloo ranks in this one process, each with its own store connection (a TCPStore client
/// serializes its calls, so two ranks blocked in one client's rendezvous would wait on each other).
/// </summary>
internal sealed class LoopbackPair : IDisposable
{
    private readonly TcpStore _server;
    private readonly TcpStore _client;

    private LoopbackPair(TcpStore server, TcpStore client, ProcessGroup rank0, ProcessGroup rank1)
    {
        _server = server;
        _client = client;
        Rank0 = rank0;
        Rank1 = rank1;
    }

    public ProcessGroup Rank0 { get; }

    public ProcessGroup Rank1 { get; }

    public TcpStore Store => _server;

    public static async Task<LoopbackPair> CreateAsync(TimeSpan timeout)
    {
        var server = TcpStore.CreateServer("127.0.0.1", 0, timeout);
        var client = TcpStore.Connect("127.0.0.1", server.Port, timeout);
        var rank1 = Task.Run(() => ProcessGroup.CreateGloo(client, 1, 2, timeout, "127.0.0.1"));
        var rank0 = ProcessGroup.CreateGloo(server, 0, 2, timeout, "127.0.0.1");
        return new LoopbackPair(server, client, rank0, await rank1.WaitAsync(timeout));
    }

    public void Dispose()
    {
        Rank0.Dispose();
        Rank1.Dispose();
        _client.Dispose();
        _server.Dispose();
    }
}
