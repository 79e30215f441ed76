using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Links;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// A stage boundary between two worker processes: the header, then the payload, each a blocking Gloo send to the peer
/// rank (which always has a receive posted by its <see cref="GlooReceiveLoop"/>), each bounded by the link timeout and paced by
/// <see cref="LinkPacing.Node"/>. The
/// tensors do not travel on, so the link disposes them once sent; a test batch's labels stay behind too (the receiver
/// reads its own). Training traffic is counted in <paramref name="traffic"/>.
/// </summary>
internal sealed class GlooLink(ProcessGroup group, int peerRank, int from, int to, TimeSpan timeout, GlooTraffic traffic) : IStageLink
{
    private readonly (int Header, int Payload) _tags = from < to ? GlooTags.Forward(from) : GlooTags.Backward(to);

    public int From => from;

    public int To => to;

    public void Send(ILinkMessage message)
    {
        var kind = message switch
        {
            Forward => LinkHeader.Kinds.Forward,
            Backward => LinkHeader.Kinds.Backward,
            Evaluate => LinkHeader.Kinds.Evaluate,
            _ => throw new NotSupportedException($"{message.GetType().Name} does not cross processes in a clustered run"),
        };
        try
        {
            using var header = new LinkHeader(kind, message.Step, message.MicroBatch, message.Payload.Shape).ToTensor();
            using var payload = message.Payload.Contiguous();
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            group.Send(header, peerRank, _tags.Header, timeout);
            group.Send(payload, peerRank, _tags.Payload, timeout);
            LinkPacing.Node.Pace(header.NBytes + payload.NBytes, start);
            if (message.IsTrainingTraffic) traffic.Add(header.NBytes + payload.NBytes, start);
        }
        finally
        {
            message.DisposeTensors();
        }
    }

    /// <summary>Tells the peer's receive loop that nothing more comes; a peer already gone is no error here.</summary>
    public void Close()
    {
        try
        {
            using var header = LinkHeader.EndOfLink.ToTensor();
            group.Send(header, peerRank, _tags.Header, timeout);
        }
        catch (DistributedException)
        {
        }
    }
}
