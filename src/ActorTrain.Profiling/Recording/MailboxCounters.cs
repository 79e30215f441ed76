using System.Collections.Concurrent;
using ActorTrain.Actors;

namespace ActorTrain.Profiling.Recording;

/// <summary>
/// Counts the runtime's mailbox traffic per actor and message type. Every message of the run
/// passes through here on the actors' threads, so counting is lock-free: one dictionary lookup
/// and an interlocked add.
/// </summary>
internal sealed class MailboxCounters
{
    private readonly ConcurrentDictionary<(ActorPath Actor, Type Message), PerType> byType = new();
    private readonly ConcurrentDictionary<ActorPath, Depth> byActor = new();

    public void Posted(ActorPath actor, object message)
    {
        Interlocked.Increment(ref TypeOf(actor, message).Posted);
        var depth = byActor.GetOrAdd(actor, static _ => new Depth());
        long queued = Interlocked.Increment(ref depth.Queued);

        // Raise the maximum only while this post is above it; a lost race retries against the newer value.
        long max = Volatile.Read(ref depth.Max);
        while (queued > max)
        {
            long seen = Interlocked.CompareExchange(ref depth.Max, queued, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public void Dequeued(ActorPath actor) =>
        Interlocked.Decrement(ref byActor.GetOrAdd(actor, static _ => new Depth()).Queued);

    public void Processed(ActorPath actor, object message, TimeSpan duration)
    {
        var counts = TypeOf(actor, message);
        Interlocked.Increment(ref counts.Processed);
        Interlocked.Add(ref counts.ProcessingTicks, duration.Ticks);
    }

    public IReadOnlyList<MessageCount> Snapshot() => byType
        .Select(entry => new MessageCount(
            entry.Key.Actor.ToString(),
            entry.Key.Message.Name,
            Volatile.Read(ref entry.Value.Posted),
            Volatile.Read(ref entry.Value.Processed),
            TimeSpan.FromTicks(Volatile.Read(ref entry.Value.ProcessingTicks)).TotalMilliseconds,
            byActor.TryGetValue(entry.Key.Actor, out var depth) ? Volatile.Read(ref depth.Max) : 0))
        .OrderBy(c => c.Actor, StringComparer.Ordinal)
        .ThenBy(c => c.Type, StringComparer.Ordinal)
        .ToArray();

    private PerType TypeOf(ActorPath actor, object message) =>
        byType.GetOrAdd((actor, message.GetType()), static _ => new PerType());

    // Fields, not properties: Interlocked needs a ref to the storage.
    private sealed class PerType
    {
        public long Posted;
        public long Processed;
        public long ProcessingTicks;
    }

    private sealed class Depth
    {
        public long Queued;
        public long Max;
    }
}
