using ActorTrain.Training.Links.Messages;
using ActorTrain.Training.Observability;
using Akka.Actor;

namespace ActorTrain.Training.Links;

/// <summary>
/// The receiving end of the link protocol, one per stage, called by the stage actor before it buffers an activation or
/// gradient. Per incoming link it drops frames of another generation and duplicates, drops a frame whose payload fails
/// its CRC-32C and asks for it again, buffers frames that overtook a missing one and hands frames on strictly in
/// sequence, acknowledging what it handed on. A gap still open after the resend timeout becomes resend requests.
/// Called on the stage's thread only.
/// </summary>
public sealed class LinkInbox
{
    private readonly int _stage;
    private readonly LinkProtocolOptions _options;
    private readonly IActorRef _self;
    private readonly IScheduler _scheduler;
    private readonly ITrainingObserver _observer;
    private readonly TimeProvider _clock;
    private readonly Dictionary<int, Incoming> _links = new();

    internal LinkInbox(int stage, LinkProtocolOptions options, IActorRef self, IScheduler scheduler, ITrainingObserver observer, TimeProvider clock) =>
        (_stage, _options, _self, _scheduler, _observer, _clock) = (stage, options, self, scheduler, observer, clock);

    /// <summary>Takes one frame from <paramref name="sender"/>; every message now next in sequence goes to <paramref name="deliver"/>, in order.</summary>
    public void Accept(LinkFrame frame, IActorRef sender, Action<ILinkMessage> deliver)
    {
        var h = frame.Header;
        var link = Link(h.From, sender);
        if (h.Generation != _options.Generation)
        {
            Drop(frame, LinkEventKind.StaleGeneration);
            return;
        }
        if (h.Sequence <= link.Delivered || link.Waiting.ContainsKey(h.Sequence))
        {
            Drop(frame, LinkEventKind.Duplicate);
            sender.Tell(new LinkAck(h.From, _stage, _options.Generation, link.Delivered), _self);
            return;
        }
        if (Crc32C.Of(frame.Payload) != h.Checksum)
        {
            Drop(frame, LinkEventKind.ChecksumMismatch);
            sender.Tell(new ResendRequest(h.From, _stage, _options.Generation, h.Sequence), _self);
            return;
        }
        if (h.Sequence != link.Delivered + 1)
        {
            if (link.Waiting.Count == 0 || h.Sequence < link.Waiting.Keys.First())
                Record(h.From, link.Delivered + 1, frame, LinkEventKind.OutOfOrder);
            link.Waiting.Add(h.Sequence, frame);
            ArmGapCheck(h.From, link);
            return;
        }
        link.Delivered = h.Sequence;
        deliver(frame.Message);
        while (link.Waiting.Remove(link.Delivered + 1, out var next))
        {
            link.Delivered++;
            deliver(next.Message);
        }
        sender.Tell(new LinkAck(h.From, _stage, _options.Generation, link.Delivered), _self);
    }

    /// <summary>The gap timer of one incoming link fired: ask for every frame still missing before the first buffered one.</summary>
    public void Control(ILinkControl message)
    {
        if (message is not GapCheck check || !_links.TryGetValue(check.From, out var link)) return;
        link.GapCheckArmed = false;
        if (link.Waiting.Count == 0) return;
        var first = link.Waiting.First();
        for (var seq = link.Delivered + 1; seq < first.Key; seq++)
        {
            Record(check.From, seq, first.Value, LinkEventKind.ResendRequested);
            link.Sender.Tell(new ResendRequest(check.From, _stage, _options.Generation, seq), _self);
        }
        ArmGapCheck(check.From, link);
    }

    /// <summary>Frees the frames still buffered (the stage stopped).</summary>
    public void Clear()
    {
        foreach (var frame in _links.Values.SelectMany(l => l.Waiting.Values)) frame.DisposeTensors();
        _links.Clear();
    }

    private Incoming Link(int from, IActorRef sender)
    {
        if (!_links.TryGetValue(from, out var link)) _links[from] = link = new Incoming(sender);
        return link;
    }

    private void Drop(LinkFrame frame, LinkEventKind why)
    {
        Record(frame.Header.From, frame.Header.Sequence, frame, why);
        frame.DisposeTensors();
    }

    private void Record(int from, long sequence, LinkFrame about, LinkEventKind kind) =>
        _observer.OnLinkEvent(new LinkEvent(from, _stage, sequence, about.Step, about.MicroBatch, kind, _clock.GetTimestamp(), about.Header.Generation));

    private void ArmGapCheck(int from, Incoming link)
    {
        if (link.GapCheckArmed) return;
        link.GapCheckArmed = true;
        _scheduler.ScheduleTellOnce(_options.ResendTimeout, _self, new GapCheck(from, _stage), ActorRefs.NoSender);
    }

    private sealed class Incoming(IActorRef sender)
    {
        public IActorRef Sender { get; } = sender;
        public long Delivered { get; set; }
        public bool GapCheckArmed { get; set; }
        public SortedDictionary<long, LinkFrame> Waiting { get; } = new();
    }
}
