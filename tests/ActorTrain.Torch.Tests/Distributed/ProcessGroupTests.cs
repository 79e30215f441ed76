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
    public async Task A_receive_into_another_shape_or_dtype_fails_naming_both_and_the_next_message_still_arrives()
    {
        using var pair = await LoopbackPair.CreateAsync(Timeout);
        using var four = Tensor.FromSpan([1f, 2f, 3f, 4f], [4]);
        using var eight = Tensor.Zeros([8]);
        using var ints = Tensor.Zeros([4], ScalarType.Int32);
        using var into = Tensor.Zeros([4]);

        // Without the shim's descriptor, Gloo would abort the process for the smaller buffer and
        // silently accept the larger one and the reinterpreted dtype.
        var sends = Task.Run(() =>
        {
            pair.Rank0.Send(eight, dst: 1, tag: 0);
            pair.Rank0.Send(four, dst: 1, tag: 0);
            pair.Rank0.Send(four, dst: 1, tag: 0);
            pair.Rank0.Send(four, dst: 1, tag: 0);
        });
        var smaller = Assert.Throws<DistributedException>(() => pair.Rank1.Recv(into, src: 0, tag: 0));
        var larger = Assert.Throws<DistributedException>(() => pair.Rank1.Recv(eight, src: 0, tag: 0));
        var dtype = Assert.Throws<DistributedException>(() => pair.Rank1.Recv(ints, src: 0, tag: 0));
        pair.Rank1.Recv(into, src: 0, tag: 0);
        await sends.WaitAsync(Timeout);

        Assert.Contains("rank 0 sent Float [8] but the receiving tensor is Float [4]", smaller.Message);
        Assert.Contains("rank 0 sent Float [4] but the receiving tensor is Float [8]", larger.Message);
        Assert.Contains("rank 0 sent Float [4] but the receiving tensor is Int [4]", dtype.Message);
        Assert.Equal([1f, 2f, 3f, 4f], into.ToArrayFloat());
    }

    [TorchFact]
    public async Task Ranks_that_all_reduce_different_shapes_all_fail_and_the_group_still_works()
    {
        using var pair = await LoopbackPair.CreateAsync(Timeout);
        using var two = Tensor.Ones([2]);
        using var three = Tensor.Ones([3]);

        var rank0 = Task.Run(() => pair.Rank0.AllReduce(two));
        var rank1 = Task.Run(() => pair.Rank1.AllReduce(three));

        var error = await Assert.ThrowsAsync<DistributedException>(() => rank0.WaitAsync(Timeout));
        await Assert.ThrowsAsync<DistributedException>(() => rank1.WaitAsync(Timeout));
        Assert.Contains("ranks passed different tensors to all-reduce: this rank has Float [2]", error.Message);
        using var other = Tensor.Ones([2]);
        await Both(pair.Rank0, pair.Rank1, g => g.AllReduce(g.Rank == 0 ? two : other));
        Assert.Equal([2f, 2f], two.ToArrayFloat());
    }

    [TorchFact]
    public async Task A_non_contiguous_tensor_is_refused_before_anything_is_sent()
    {
        using var pair = await LoopbackPair.CreateAsync(Timeout);
        using var matrix = Tensor.FromSpan([1f, 2f, 3f, 4f], [2, 2]);
        using var transposed = matrix.Transpose(0, 1);
        using var into = Tensor.Zeros([2, 2]);

        var error = Assert.Throws<DistributedException>(() => pair.Rank0.Send(transposed, dst: 1, tag: 0));
        var send = Task.Run(() => pair.Rank0.Send(matrix, dst: 1, tag: 0));
        pair.Rank1.Recv(into, src: 0, tag: 0);
        await send.WaitAsync(Timeout);

        Assert.Contains("contiguous", error.Message);
        Assert.Equal([1f, 2f, 3f, 4f], into.ToArrayFloat());
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
