// Rank 1 of a two-rank Gloo group whose rank 0 (and TCPStore server) is the test process.
// Usage: ActorTrain.Torch.PeerProcess <scenario> <store-port> <key-prefix>
//   exchange  receive a tensor (tag 1) and send it back doubled (tag 2); all-reduce (sum and max);
//             broadcast from rank 1; barrier. Exit 0 only if every value it saw was right.
//   exit      join, wait for key "go", then exit without closing anything, as a crash would.
// Exit codes: 0 done, 1 failed (reason on stderr), 2 bad usage.
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;

if (args.Length != 3 || !int.TryParse(args[1], out var port))
{
    Console.Error.WriteLine("usage: ActorTrain.Torch.PeerProcess <exchange|exit> <store-port> <key-prefix>");
    return 2;
}

var timeout = TimeSpan.FromSeconds(30);
try
{
    using var server = TcpStore.Connect("127.0.0.1", port, timeout);
    using var store = server.WithPrefix(args[2]);
    using var group = ProcessGroup.CreateGloo(store, rank: 1, worldSize: 2, timeout, localAddress: "127.0.0.1");
    switch (args[0])
    {
        case "exchange":
            Exchange(group);
            return 0;
        case "exit":
            store.Wait(["go"], timeout);
            Environment.Exit(3);
            return 3;
        default:
            Console.Error.WriteLine($"unknown scenario '{args[0]}'");
            return 2;
    }
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    return 1;
}

static void Exchange(ProcessGroup group)
{
    using var received = Tensor.Zeros([2, 2]);
    group.Recv(received, src: 0, tag: 1);
    using var doubled = received.Mul(2);
    group.Send(doubled, dst: 0, tag: 2);

    using var sum = Tensor.FromSpan([2f, 4f, 6f], [3]);
    group.AllReduce(sum, ReduceOp.Sum);
    Expect("all-reduce sum", [3f, 6f, 9f], sum);

    using var max = Tensor.FromSpan([5f, -1f], [2]);
    group.AllReduce(max, ReduceOp.Max);
    Expect("all-reduce max", [5f, 7f], max);

    using var root = Tensor.FromSpan([7f, 8f], [2]);
    group.Broadcast(root, root: 1);
    group.Barrier();
}

static void Expect(string what, float[] expected, Tensor actual)
{
    var values = actual.ToArrayFloat();
    if (!values.SequenceEqual(expected))
        throw new InvalidOperationException($"{what}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", values)}]");
}
