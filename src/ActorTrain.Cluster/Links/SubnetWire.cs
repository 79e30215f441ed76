using System.Diagnostics;
using ActorTrain.Cluster.Messages;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Ist.Messages;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// IST's slices between the parameter server (the driver, the group's last rank) and a subnet worker: the Akka message
/// announces keys and shapes, then each tensor crosses as one blocking Gloo send, paced (this process's
/// <see cref="LinkPacing.Node"/>), in the announced order. Tags of their own, far above the pipeline boundaries' (<see cref="GlooTags"/>).
/// </summary>
internal static class SubnetWire
{
    public const int ToWorkerTag = 1 << 20;
    public const int ToServerTag = ToWorkerTag + 1;

    /// <summary>Keys and shapes of <paramref name="slices"/> in the order <see cref="Send"/> sends them.</summary>
    public static SliceShape[] Describe(SubnetSlices slices) => slices.Tensors.Select(t => new SliceShape(t.Key, t.Value.Shape)).ToArray();

    /// <summary>Sends every tensor of <paramref name="slices"/> in <paramref name="order"/>; counts them in <paramref name="traffic"/> when given.</summary>
    public static void Send(ProcessGroup group, int peer, int tag, SubnetSlices slices, SliceShape[] order, TimeSpan timeout, LinkPacing pacing,
        GlooTraffic? traffic = null)
    {
        foreach (var entry in order)
        {
            var tensor = slices.Tensors[entry.Key];
            // The receiver allocates float32 from the announced shape: every weight, buffer and optimizer state of a model is float32.
            if (tensor.DType != ScalarType.Float32) throw new NotSupportedException($"IST slice {entry.Key} is {tensor.DType}, not float32");
            using var contiguous = tensor.Contiguous();
            var start = Stopwatch.GetTimestamp();
            group.Send(contiguous, peer, tag, timeout);
            pacing.Pace(contiguous.NBytes, start);
            traffic?.Add(contiguous.NBytes, start);
        }
    }

    /// <summary>
    /// Receives the tensors <paramref name="order"/> announces into new slices (the caller owns them); <paramref name="traffic"/>,
    /// when given, counts them as the peer's sends, timed at this end.
    /// </summary>
    public static SubnetSlices Receive(ProcessGroup group, int peer, int tag, SliceShape[] order, long optimizerSteps, TimeSpan timeout,
        GlooTraffic? traffic = null)
    {
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var entry in order)
            {
                var tensor = Tensor.Empty(entry.Shape);
                tensors[entry.Key] = tensor;
                var start = Stopwatch.GetTimestamp();
                group.Recv(tensor, peer, tag, timeout);
                traffic?.Add(tensor.NBytes, start);
            }
            return new SubnetSlices(tensors, optimizerSteps);
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }
}
