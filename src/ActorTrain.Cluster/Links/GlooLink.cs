using ActorTrain.Profiling.Merging;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Links;
using ActorTrain.Training.Links.Messages;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// A stage boundary between two worker processes: the header, then the payload, each a blocking Gloo send to the peer
/// rank (which always has a receive posted by its <see cref="GlooReceiveLoop"/>), each bounded by the link timeout and
/// paced by <see cref="LinkPacing.Node"/>. A
/// link-protocol frame's header (generation, sequence, CRC-32C, attempt) travels in the Gloo header, and the protocol's
/// answers about the opposite direction (acknowledgements, resend requests) go as header-only messages on this link, so
/// the protocol heals a lossy wire between processes as it does in one. The tensors do not travel on, so the link
/// disposes them once sent; a test batch's labels stay behind too (the receiver reads its own). Training traffic is
/// counted in <paramref name="traffic"/>, and in a profiled run each training send is recorded with its bytes in
/// <paramref name="recorder"/>. Sends come from the stage's thread, the worker's (answers) and a fault injector's timer,
/// so one lock keeps each header next to its payload.
/// </summary>
internal sealed class GlooLink(ProcessGroup group, int peerRank, int from, int to, TimeSpan timeout, GlooTraffic traffic, NodeRecorder? recorder = null)
    : IStageLink
{
    private readonly (int Header, int Payload) _tags = from < to ? GlooTags.Forward(from) : GlooTags.Backward(to);
    private readonly Lock _wire = new();

    public int From => from;

    public int To => to;

    public void Send(ILinkMessage message)
    {
        var frame = message as LinkFrame;
        var kind = (frame?.Message ?? message) switch
        {
            Forward => LinkHeader.Kinds.Forward,
            Backward => LinkHeader.Kinds.Backward,
            Evaluate => LinkHeader.Kinds.Evaluate,
            _ => throw new NotSupportedException($"{message.GetType().Name} does not cross processes in a clustered run"),
        };
        try
        {
            var shape = message.Payload.Shape;
            var header = frame is null
                ? new LinkHeader(kind, message.Step, message.MicroBatch, shape)
                : LinkHeader.OfFrame(kind, frame.Header, message.Step, message.MicroBatch, shape);
            using var headerTensor = header.ToTensor();
            using var payload = message.Payload.Contiguous();
            long start, end;
            lock (_wire)
            {
                start = System.Diagnostics.Stopwatch.GetTimestamp();
                group.Send(headerTensor, peerRank, _tags.Header, timeout);
                group.Send(payload, peerRank, _tags.Payload, timeout);
                LinkPacing.Node.Pace(headerTensor.NBytes + payload.NBytes, start);
                end = System.Diagnostics.Stopwatch.GetTimestamp();
            }
            if (!message.IsTrainingTraffic) return;
            // The traffic figures are the model's own sends; a resend is the protocol's cost, counted among the link's events.
            if (frame is not { Header.Attempt: > 0 }) traffic.Add(headerTensor.NBytes + payload.NBytes, start);
            recorder?.OnTransfer(new TransferSpan(IsReceive: false, from, to, peerRank, message.Step, message.MicroBatch, start, end,
                headerTensor.NBytes + payload.NBytes));
        }
        finally
        {
            message.DisposeTensors();
        }
    }

    /// <summary>
    /// Carries the protocol's answer <paramref name="control"/> about the link <c>to -> from</c> (this link's opposite
    /// direction) to the peer, whose receive loop hands it to the sending stage there.
    /// </summary>
    public void Answer(ILinkControl control)
    {
        var header = control switch
        {
            LinkAck ack => new LinkHeader(LinkHeader.Kinds.Ack, 0, 0, [], ack.Generation, ack.Sequence),
            ResendRequest request => new LinkHeader(LinkHeader.Kinds.Resend, 0, 0, [], request.Generation, request.Sequence),
            _ => throw new NotSupportedException($"{control.GetType().Name} is a timer of this process, not an answer to a peer"),
        };
        using var tensor = header.ToTensor();
        lock (_wire) group.Send(tensor, peerRank, _tags.Header, timeout);
    }

    /// <summary>Tells the peer's receive loop that nothing more comes; a peer already gone is no error here.</summary>
    public void Close()
    {
        try
        {
            using var header = LinkHeader.EndOfLink.ToTensor();
            lock (_wire) group.Send(header, peerRank, _tags.Header, timeout);
        }
        catch (DistributedException)
        {
        }
    }
}
