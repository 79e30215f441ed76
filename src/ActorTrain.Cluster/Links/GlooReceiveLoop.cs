using ActorTrain.Profiling.Merging;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Links;
using ActorTrain.Training.Links.Messages;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// The receiving end of a <see cref="GlooLink"/>: a thread that keeps a receive posted for the peer's next header,
/// receives the payload into a tensor of the announced shape and hands the rebuilt Forward or Backward (as a link-protocol
/// frame when the peer sent one) to <paramref name="deliver"/> (the local stage's mailbox, which then owns the tensor);
/// the protocol's answers about this worker's own sends on the opposite link go to <paramref name="answered"/>; a test
/// batch gets its labels from
/// <paramref name="testLabels"/> (this worker's own data). Every receive waits at most the
/// link timeout; a failure (peer dead, timeout) goes to <paramref name="failed"/> unless the link was closed first. In a
/// profiled run each training payload's receive (from its header's arrival to its own) goes to <paramref name="recorder"/>.
/// </summary>
internal sealed class GlooReceiveLoop
{
    private readonly ProcessGroup _group;
    private readonly int _peerRank, _from, _to;
    private readonly NodeRecorder? _recorder;
    private readonly (int Header, int Payload) _tags;
    private readonly TimeSpan _timeout;
    private readonly Action<ILinkMessage> _deliver;
    private readonly Action<ILinkControl> _answered;
    private readonly Func<long, Tensor> _testLabels;
    private readonly Action<Exception> _failed;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public GlooReceiveLoop(ProcessGroup group, int peerRank, int from, int to, TimeSpan timeout, Action<ILinkMessage> deliver,
        Action<ILinkControl> answered, Func<long, Tensor> testLabels, Action<Exception> failed, NodeRecorder? recorder = null)
    {
        (_group, _peerRank, _from, _to, _timeout, _deliver, _answered, _testLabels, _failed, _recorder) =
            (group, peerRank, from, to, timeout, deliver, answered, testLabels, failed, recorder);
        _tags = from < to ? GlooTags.Forward(from) : GlooTags.Backward(to);
        _thread = new Thread(Run) { IsBackground = true, Name = $"gloo-recv {from}->{to}" };
    }

    public void Start() => _thread.Start();

    /// <summary>Waits for the peer's end-of-link header (it closes its side when the run ends), at most <paramref name="timeout"/>.</summary>
    public bool Join(TimeSpan timeout)
    {
        _stopping = true;
        return _thread.Join(timeout);
    }

    /// <summary>The peer's answer about the frames this worker sends it (link <c>to -> from</c> in this loop's terms).</summary>
    private ILinkControl Answer(LinkHeader header) => header.Kind == LinkHeader.Kinds.Ack
        ? new LinkAck(_to, _from, header.Generation, header.Sequence)
        : new ResendRequest(_to, _from, header.Generation, header.Sequence);

    private void Run()
    {
        try
        {
            while (true)
            {
                LinkHeader header;
                using (var h = LinkHeader.Empty())
                {
                    _group.Recv(h, _peerRank, _tags.Header, _timeout);
                    header = LinkHeader.From(h);
                }
                if (header.Kind == LinkHeader.Kinds.End) return;
                if (!header.HasPayload)
                {
                    _answered(Answer(header));
                    continue;
                }
                var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
                var payload = Tensor.Empty(header.Shape);
                try
                {
                    _group.Recv(payload, _peerRank, _tags.Payload, _timeout);
                }
                catch
                {
                    payload.Dispose();
                    throw;
                }
                if (_recorder is not null && header.Kind is LinkHeader.Kinds.Forward or LinkHeader.Kinds.Backward)
                    _recorder.OnTransfer(new TransferSpan(IsReceive: true, _from, _to, _peerRank, header.Step, header.MicroBatch, arrived,
                        System.Diagnostics.Stopwatch.GetTimestamp(), LinkHeader.Length * sizeof(long) + payload.NBytes));
                var meta = TensorMeta.Of(payload);
                ILinkMessage message = header.Kind switch
                {
                    LinkHeader.Kinds.Forward => new Forward(_from, header.Step, header.MicroBatch, meta, payload),
                    LinkHeader.Kinds.Backward => new Backward(_from, header.Step, header.MicroBatch, meta, payload),
                    _ => new Evaluate(header.Step, payload, _testLabels(header.Step)),
                };
                _deliver(header.IsFrame ? new LinkFrame(header.ToProtocol(_from, _to), message) : message);
            }
        }
        catch (Exception e) when (!_stopping)
        {
            _failed(e);
        }
        catch (Exception)
        {
            // Closing: the peer went away while this side was shutting down anyway.
        }
    }
}
