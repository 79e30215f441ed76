using ActorTrain.Training.Links.Messages;
using ActorTrain.Training.Observability;
using Akka.Actor;

namespace ActorTrain.Training.Links;

/// <summary>
/// The sending end of the link protocol. It stamps each activation or gradient with the generation, the next sequence
/// number and the payload's CRC-32C, keeps a copy until the receiver acknowledges it (at most
/// <see cref="LinkProtocolOptions.Retained"/>), and sends a copy again when asked or when no acknowledgement came within
/// twice the resend timeout. It lies between the span recorder and the decorators, so fault injectors act on stamped
/// frames, as a faulty wire would. All calls come from the sending stage's thread (sends, and the protocol messages
/// its actor hands over), so it needs no lock.
/// </summary>
internal sealed class ReliableLink(
    IStageLink inner, LinkProtocolOptions options, IActorRef owner, IScheduler scheduler, ITrainingObserver observer, TimeProvider clock) : IStageLink
{
    private readonly SortedDictionary<long, Kept> _kept = new();
    private long _sequence;
    private long _freedUpTo;
    private bool _timerArmed;

    public int From => inner.From;

    public int To => inner.To;

    public void Send(ILinkMessage message)
    {
        if (!message.IsTrainingTraffic)
        {
            inner.Send(message);
            return;
        }
        var header = new LinkHeader(options.Generation, From, To, ++_sequence, Crc32C.Of(message.Payload));
        _kept.Add(header.Sequence, new Kept(header, message.WithPayload(message.Payload.Clone()), clock.GetTimestamp()));
        while (_kept.Count > options.Retained) Free(_kept.Keys.First());
        ArmTimer();
        inner.Send(new LinkFrame(header, message));
    }

    public void Control(ILinkControl message)
    {
        switch (message)
        {
            case LinkAck ack when ack.Generation == options.Generation:
                while (_kept.Count > 0 && _kept.Keys.First() <= ack.Sequence) Free(_kept.Keys.First());
                _freedUpTo = Math.Max(_freedUpTo, ack.Sequence);
                break;
            case ResendRequest request when request.Generation == options.Generation:
                Resend(request.Sequence, LinkEventKind.ResentOnRequest);
                break;
            case ResendDue:
                _timerArmed = false;
                var overdue = clock.GetTimestamp() - (long)(2 * options.ResendTimeout.TotalSeconds * clock.TimestampFrequency);
                foreach (var seq in _kept.Where(k => k.Value.SentAt <= overdue).Select(k => k.Key).ToList())
                    Resend(seq, LinkEventKind.ResentOnTimeout);
                ArmTimer();
                break;
        }
    }

    public void Close()
    {
        foreach (var kept in _kept.Values) kept.Copy.DisposeTensors();
        _kept.Clear();
    }

    private void Resend(long sequence, LinkEventKind why)
    {
        if (!_kept.TryGetValue(sequence, out var kept))
        {
            // Acknowledged meanwhile (the request crossed the acknowledgement), or never sent: nothing to do.
            if (sequence <= _freedUpTo || sequence > _sequence) return;
            throw new LinkResendException(
                $"link {From}->{To} was asked to resend frame {sequence}, which it no longer keeps (more than links.retained = {options.Retained} in flight)");
        }
        var header = kept.Header with { Attempt = kept.Header.Attempt + 1 };
        _kept[sequence] = kept with { Header = header, SentAt = clock.GetTimestamp() };
        observer.OnLinkEvent(new LinkEvent(From, To, sequence, kept.Copy.Step, kept.Copy.MicroBatch, why, clock.GetTimestamp(), options.Generation));
        inner.Send(new LinkFrame(header, kept.Copy.WithPayload(kept.Copy.Payload.Clone())));
    }

    private void Free(long sequence)
    {
        _kept.Remove(sequence, out var kept);
        kept!.Copy.DisposeTensors();
    }

    private void ArmTimer()
    {
        if (_timerArmed || _kept.Count == 0) return;
        _timerArmed = true;
        scheduler.ScheduleTellOnce(2 * options.ResendTimeout, owner, new ResendDue(From, To), ActorRefs.NoSender);
    }

    private sealed record Kept(LinkHeader Header, ILinkMessage Copy, long SentAt);
}
