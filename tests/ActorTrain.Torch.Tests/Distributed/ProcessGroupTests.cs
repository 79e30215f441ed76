using System.Diagnostics;
using ActorTrain.Torch.Distributed;

namespace ActorTrain.Torch.Tests.Distributed;

/// <summary>Group behaviour that needs no second process: a group of one, or two ranks on two threads here.</summary>
public class ProcessGroupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(500);

    [TorchFact]
    public void A_group_of_one_keeps_its_own_values_through_every_collective()
    {
        using var store = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var group = ProcessGroup.CreateGloo(store, 0, 1, Timeout, "127.0.0.1");
        using var t = Tensor.FromSpan([1f, -2f], [2]);

        group.AllReduce(t, ReduceOp.Sum);
        group.AllReduce(t, ReduceOp.Average);
        group.Broadcast(t, root: 0);
        group.Barrier();

        Assert.Equal((0, 1), (group.Rank, group.Size));
        Assert.Equal([1f, -2f], t.ToArrayFloat());
    }

    [TorchFact]
    public async Task Two_ranks_average_min_and_max_their_tensors()
    {
        using var pair = await LoopbackPair.CreateAsync(Timeout);
        using var a = Tensor.FromSpan([1f, 10f], [2]);
        using var b = Tensor.FromSpan([3f, -10f], [2]);
        using var c = Tensor.FromSpan([1f, 10f], [2]);
        using var d = Tensor.FromSpan([3f, -10f], [2]);

        await Both(pair, g => g.AllReduce(g.Rank == 0 ? a : b, ReduceOp.Average), g => g.AllReduce(g.Rank == 0 ? c : d, ReduceOp.Min));

        Assert.Equal([2f, 0f], a.ToArrayFloat());
        Assert.Equal([2f, 0f], b.ToArrayFloat());
        Assert.Equal([1f, -10f], c.ToArrayFloat());
        Assert.Equal([1f, -10f], d.ToArrayFloat());
    }

    [TorchFact]
    public async Task Messages_with_different_tags_reach_their_own_receives()
    {
        using var pair = await LoopbackPair.CreateAsync(Timeout);
        using var seven = Tensor.FromSpan([7L], [1]);
        using var nine = Tensor.FromSpan([9L], [1]);
        using var intoNine = Tensor.Zeros([1], ScalarType.Int64);
        using var intoSeven = Tensor.Zeros([1], ScalarType.Int64);

        // A Gloo send returns only once the peer has posted the matching receive, so the two sends
        // run on their own threads while the receives take them in the other order.
        var sends = Task.WhenAll(
            Task.Run(() => pair.Rank0.Send(seven, dst: 1, tag: 7)),
            Task.Run(() => pair.Rank0.Send(nine, dst: 1, tag: 9)));
        pair.Rank1.Recv(intoNine, src: 0, tag: 9);
        pair.Rank1.Recv(intoSeven, src: 0, tag: 7);
        await sends.WaitAsync(Timeout);

        Assert.Equal([9L], intoNine.ToArrayLong());
        Assert.Equal([7L], intoSeven.ToArrayLong());
    }

    [TorchFact]
    public async Task A_receive_that_nobody_answers_fails_after_its_timeout()
    {
        using var pair = await LoopbackPair.CreateAsync(Timeout);
        using var into = Tensor.Zeros([3]);

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<DistributedException>(() => pair.Rank0.Recv(into, src: 1, tag: 4, timeout: Short));

        Assert.InRange(clock.Elapsed, Short * 0.9, Timeout);
        Assert.Contains("rank 0: receive from rank 1 (tag 4) failed", error.Message);
    }

    [TorchFact]
    public async Task Disposing_a_rank_makes_its_peers_pending_receive_fail()
    {
        using var pair = await LoopbackPair.CreateAsync(Timeout);
        using var into = Tensor.Zeros([3]);

        var receive = Task.Run(() => pair.Rank0.Recv(into, src: 1, tag: 0));
        pair.Rank1.Dispose();

        var error = await Assert.ThrowsAsync<DistributedException>(() => receive.WaitAsync(Timeout));
        Assert.Contains("receive from rank 1", error.Message);
    }

    [TorchFact]
    public async Task A_group_rebuilt_under_a_new_prefix_works_on_the_same_store()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var client = TcpStore.Connect("127.0.0.1", server.Port, Timeout);
        for (var generation = 1; generation <= 2; generation++)
        {
            using var mine = server.WithPrefix($"gen{generation}");
            using var theirs = client.WithPrefix($"gen{generation}");
            var peer = Task.Run(() => ProcessGroup.CreateGloo(theirs, 1, 2, Timeout, "127.0.0.1"));
            using var rank0 = ProcessGroup.CreateGloo(mine, 0, 2, Timeout, "127.0.0.1");
            using var rank1 = await peer.WaitAsync(Timeout);
            using var t0 = Tensor.FromSpan([generation * 1f], [1]);
            using var t1 = Tensor.FromSpan([generation * 2f], [1]);

            await Both(rank0, rank1, g => g.AllReduce(g.Rank == 0 ? t0 : t1));

            Assert.Equal([generation * 3f], t0.ToArrayFloat());
        }
    }

    [TorchFact]
    public void Averaging_an_integer_tensor_is_refused()
    {
        using var store = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var group = ProcessGroup.CreateGloo(store, 0, 1, Timeout, "127.0.0.1");
        using var t = Tensor.FromSpan([4L], [1]);

        var error = Assert.Throws<DistributedException>(() => group.AllReduce(t, ReduceOp.Average));
        Assert.Contains("floating-point", error.Message);
    }

    [TorchFact]
    public void Peers_outside_the_group_or_the_rank_itself_are_refused()
    {
        using var store = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var group = ProcessGroup.CreateGloo(store, 0, 1, Timeout, "127.0.0.1");
        using var t = Tensor.Zeros([1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => group.Send(t, dst: 0, tag: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => group.Recv(t, src: 1, tag: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => group.Broadcast(t, root: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessGroup.CreateGloo(store, 1, 1, Timeout));
    }

    [TorchFact]
    public void A_disposed_group_throws_ObjectDisposedException()
    {
        using var store = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        var group = ProcessGroup.CreateGloo(store, 0, 1, Timeout, "127.0.0.1");
        group.Dispose();
        Assert.Throws<ObjectDisposedException>(() => group.Barrier());
    }

    private static Task Both(LoopbackPair pair, Action<ProcessGroup> first, Action<ProcessGroup> second) =>
        Both(pair.Rank0, pair.Rank1, g =>
        {
            first(g);
            second(g);
        });

    /// <summary>Runs the same collective code on both ranks at once, as two processes would.</summary>
    private static Task Both(ProcessGroup rank0, ProcessGroup rank1, Action<ProcessGroup> body) =>
        Task.WhenAll(Task.Run(() => body(rank0)), Task.Run(() => body(rank1))).WaitAsync(Timeout);
}
