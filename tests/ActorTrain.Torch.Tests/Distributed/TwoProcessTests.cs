using System.Diagnostics;
using ActorTrain.Torch.Distributed;
using Xunit.Abstractions;

namespace ActorTrain.Torch.Tests.Distributed;

/// <summary>This process is rank 0 and hosts the store; ActorTrain.Torch.PeerProcess is rank 1.</summary>
public class TwoProcessTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [TorchFact]
    public async Task Two_processes_exchange_a_tensor_and_all_reduce_it()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var store = server.WithPrefix("exchange");
        using var peer = PeerProcess.Start("exchange", server.Port, "exchange");
        using (var group = Join(store, peer))
        {
            using var sent = Tensor.FromSpan([1f, 2f, 3f, 4f], [2, 2]);
            group.Send(sent, dst: 1, tag: 1);
            using var back = Tensor.Zeros([2, 2]);
            group.Recv(back, src: 1, tag: 2);
            Assert.Equal([2f, 4f, 6f, 8f], back.ToArrayFloat());

            using var sum = Tensor.FromSpan([1f, 2f, 3f], [3]);
            group.AllReduce(sum, ReduceOp.Sum);
            Assert.Equal([3f, 6f, 9f], sum.ToArrayFloat());

            using var max = Tensor.FromSpan([-2f, 7f], [2]);
            group.AllReduce(max, ReduceOp.Max);
            Assert.Equal([5f, 7f], max.ToArrayFloat());

            using var broadcast = Tensor.Zeros([2]);
            group.Broadcast(broadcast, root: 1);
            Assert.Equal([7f, 8f], broadcast.ToArrayFloat());
            group.Barrier();
        }
        Assert.True(await peer.ExitCodeAsync(Timeout) == 0, $"peer failed:\n{peer.Output}");
    }

    [TorchFact]
    public async Task A_receive_from_a_peer_that_exited_fails_within_seconds()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var store = server.WithPrefix("exit");
        using var peer = PeerProcess.Start("exit", server.Port, "exit");
        using var group = Join(store, peer);
        using var into = Tensor.Zeros([4]);

        store.SetString("go", "");
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<DistributedException>(() => group.Recv(into, src: 1, tag: 0, timeout: Timeout));

        log.WriteLine($"failed after {clock.Elapsed.TotalMilliseconds:F0} ms: {error.Message}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the failure took {clock.Elapsed}");
        Assert.Contains("receive from rank 1", error.Message);
        Assert.Equal(3, await peer.ExitCodeAsync(Timeout));
    }

    /// <summary>Rank 0's side of the rendezvous; says what the peer printed if it never joined.</summary>
    private static ProcessGroup Join(Store store, PeerProcess peer)
    {
        try
        {
            return ProcessGroup.CreateGloo(store, rank: 0, worldSize: 2, Timeout, localAddress: "127.0.0.1");
        }
        catch (DistributedException e)
        {
            throw new DistributedException($"{e.Message}\npeer output:\n{peer.Output}");
        }
    }
}
