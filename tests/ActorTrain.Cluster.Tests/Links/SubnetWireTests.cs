using System.Diagnostics;
using System.Runtime.InteropServices;
using ActorTrain.Cluster.Links;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Ist.Messages;

namespace ActorTrain.Cluster.Tests.Links;

/// <summary>IST's slices over a real Gloo pair: two ranks on two threads of this process.</summary>
public sealed class SubnetWireTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [TorchFact]
    public async Task Slices_cross_in_the_announced_order_bit_for_bit_and_a_paced_send_takes_at_least_bytes_over_bandwidth()
    {
        using var store = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var client = TcpStore.Connect("127.0.0.1", store.Port, Timeout);
        var joining = Task.Run(() => ProcessGroup.CreateGloo(client, 1, 2, Timeout, "127.0.0.1"));
        using var server = ProcessGroup.CreateGloo(store, 0, 2, Timeout, "127.0.0.1");
        using var worker = await joining.WaitAsync(Timeout);

        // 4 MB of weights and a small per-class tensor: 4,000,040 bytes at 40 MB/s take at least 100 ms.
        var weights = Enumerable.Range(0, 1_000_000).Select(i => MathF.Sin(i) * 1e-3f).ToArray();
        using var sent = new SubnetSlices(new Dictionary<string, Tensor>
        {
            ["0.0.weight"] = Tensor.FromSpan(weights, [1000, 1000]),
            ["1.0.bias#momentum_buffer"] = Tensor.FromSpan([1f, -2f, 3.5f, float.Epsilon, 0f, -0f, 7f, 8f, 9f, 10f], [10]),
        }, OptimizerSteps: 12);
        var order = SubnetWire.Describe(sent);

        var receiving = Task.Run(() => SubnetWire.Receive(worker, 0, SubnetWire.ToWorkerTag, order, 12, Timeout));
        var start = Stopwatch.GetTimestamp();
        SubnetWire.Send(server, 1, SubnetWire.ToWorkerTag, sent, order, Timeout, new LinkPacing(40_000_000));
        var took = Stopwatch.GetElapsedTime(start);
        using var received = await receiving.WaitAsync(Timeout);

        Assert.True(took >= TimeSpan.FromMilliseconds(100), $"the paced send took {took.TotalMilliseconds:F1} ms");
        Assert.Equal(["0.0.weight", "1.0.bias#momentum_buffer"], received.Tensors.Keys);
        Assert.Equal(12, received.OptimizerSteps);
        foreach (var (key, tensor) in sent.Tensors)
        {
            Assert.Equal(tensor.Shape, received.Tensors[key].Shape);
            Assert.True(MemoryMarshal.AsBytes(tensor.ToArrayFloat().AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(received.Tensors[key].ToArrayFloat().AsSpan())),
                $"{key} changed on the way");
        }
    }
}
