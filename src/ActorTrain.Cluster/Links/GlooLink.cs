using System.Collections.Concurrent;
using System.Diagnostics;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Links;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// A stage boundary between two worker processes. <see cref="Send"/> queues the message and returns, so the stage
/// computes its next micro-batch while a sender thread moves this one: the header, then the payload, each a blocking
/// Gloo send to the peer rank (which always has a receive posted by its <see cref="GlooReceiveLoop"/>), each bounded by
/// the link timeout, in the order sent. The tensors do not travel on, so the link disposes them once sent; a test
/// batch's labels stay behind too (the receiver reads its own). A failed send goes to <paramref name="failed"/>; what
/// is queued after it is dropped (the run is ending). Training traffic is counted in <paramref name="traffic"/>.
/// </summary>
internal sealed class GlooLink : IStageLink
{
    private readonly ProcessGroup _group;
    private readonly int _peerRank;
    private readonly TimeSpan _timeout;
    private readonly GlooTraffic _traffic;
    private readonly Action<Exception> _failed;
    private readonly (int Header, int Payload) _tags;
    private readonly BlockingCollection<ILinkMessage> _queue = new();
    private readonly Thread _sender;
    private volatile bool _broken;

    public GlooLink(ProcessGroup group, int peerRank, int from, int to, TimeSpan timeout, GlooTraffic traffic, Action<Exception> failed)
    {
        (_group, _peerRank, From, To, _timeout, _traffic, _failed) = (group, peerRank, from, to, timeout, traffic, failed);
        _tags = from < to ? GlooTags.Forward(from) : GlooTags.Backward(to);
        _sender = new Thread(Run) { IsBackground = true, Name = $"gloo-send {from}->{to}" };
        _sender.Start();
    }

    public int From { get; }

    public int To { get; }

    public void Send(ILinkMessage message)
    {
        _ = message switch
        {
            Forward or Backward or Evaluate => 0,
            _ => throw new NotSupportedException($"{message.GetType().Name} does not cross processes in a clustered run"),
        };
        if (_broken || _queue.IsAddingCompleted)
        {
            message.DisposeTensors();
            return;
        }
        _queue.Add(message);
    }

    /// <summary>Sends what is queued, then tells the peer's receive loop that nothing more comes (a peer already gone is no error here).</summary>
    public void Close()
    {
        _queue.CompleteAdding();
        _sender.Join(_timeout);
        if (!_broken)
        {
            try
            {
                using var header = LinkHeader.EndOfLink.ToTensor();
                _group.Send(header, _peerRank, _tags.Header, _timeout);
            }
            catch (DistributedException)
            {
            }
        }
        _queue.Dispose();
    }

    private void Run()
    {
        foreach (var message in _queue.GetConsumingEnumerable())
        {
            try
            {
                if (!_broken) Transfer(message);
            }
            catch (Exception e)
            {
                _broken = true;
                _failed(e);
            }
            finally
            {
                message.DisposeTensors();
            }
        }
    }

    private void Transfer(ILinkMessage message)
    {
        var kind = message switch
        {
            Forward => LinkHeader.Kinds.Forward,
            Backward => LinkHeader.Kinds.Backward,
            _ => LinkHeader.Kinds.Evaluate,
        };
        using var header = new LinkHeader(kind, message.Step, message.MicroBatch, message.Payload.Shape).ToTensor();
        using var payload = message.Payload.Contiguous();
        var start = Stopwatch.GetTimestamp();
        _group.Send(header, _peerRank, _tags.Header, _timeout);
        _group.Send(payload, _peerRank, _tags.Payload, _timeout);
        if (message.IsTrainingTraffic) _traffic.Add(header.NBytes + payload.NBytes, start);
    }
}
