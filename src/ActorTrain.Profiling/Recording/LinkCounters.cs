using System.Collections.Concurrent;
using ActorTrain.Training.Links;

namespace ActorTrain.Profiling.Recording;

/// <summary>
/// Counts the traffic of every link of a run, per message type: installed as a link decorator, so it sees exactly what
/// stages hand to their links, whatever the transport. Stage threads send concurrently: one dictionary lookup and three
/// interlocked adds per message.
/// </summary>
internal sealed class LinkCounters : ILinkDecorator
{
    private readonly ConcurrentDictionary<(int From, int To, Type Message), Totals> _totals = new();

    public IStageLink Decorate(IStageLink link) => new CountingLink(link, this);

    public IReadOnlyList<LinkTraffic> Snapshot() => _totals
        .Select(e => new LinkTraffic(e.Key.From, e.Key.To, e.Key.Message.Name, Volatile.Read(ref e.Value.Messages),
            Volatile.Read(ref e.Value.Bytes), TimeSpan.FromTicks(Volatile.Read(ref e.Value.SendTicks)).TotalMilliseconds))
        .OrderBy(t => t.From).ThenBy(t => t.To).ThenBy(t => t.Type, StringComparer.Ordinal)
        .ToArray();

    private void Count(IStageLink link, Type message, long bytes, TimeSpan sending)
    {
        var totals = _totals.GetOrAdd((link.From, link.To, message), static _ => new Totals());
        Interlocked.Increment(ref totals.Messages);
        Interlocked.Add(ref totals.Bytes, bytes);
        Interlocked.Add(ref totals.SendTicks, sending.Ticks);
    }

    // Fields, not properties: Interlocked needs a ref to the storage.
    private sealed class Totals
    {
        public long Messages;
        public long Bytes;
        public long SendTicks;
    }

    private sealed class CountingLink(IStageLink inner, LinkCounters counters) : IStageLink
    {
        public int From => inner.From;

        public int To => inner.To;

        public void Send(ILinkMessage message)
        {
            // Read before sending: from then on the receiver owns the tensor.
            var (type, bytes) = ((message is LinkFrame frame ? frame.Message : message).GetType(), message.Payload.NBytes);
            var start = TimeProvider.System.GetTimestamp();
            inner.Send(message);
            counters.Count(inner, type, bytes, TimeProvider.System.GetElapsedTime(start));
        }
    }
}
