using System.Collections.Concurrent;
using Serilog;

namespace ActorTrain.Actors;

/// <summary>
/// Publish/subscribe by type: a subscriber to a type receives every published event assignable to it (subscribe
/// to <see cref="object"/> for everything). Actor subscribers get events as messages and are dropped when they
/// stop; callback subscribers run synchronously on the publishing thread, so they must be quick and thread-safe.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private readonly ILogger _log;
    private Snapshot _snapshot = new([]);

    internal EventStream(ILogger log) => _log = log;

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            var all = _snapshot.All;
            if (all.Any(s => ReferenceEquals(s.Subscriber, subscriber) && s.Channel == channel)) return false;
            _snapshot = new Snapshot([.. all, new Subscription(channel, subscriber, null)]);
            return true;
        }
    }

    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Calls <paramref name="handler"/> for every <typeparamref name="T"/> published until the result is disposed.</summary>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(T), null, e => handler((T)e));
        lock (_gate) _snapshot = new Snapshot([.. _snapshot.All, subscription]);
        return new Unsubscriber(this, subscription);
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        Remove(s => ReferenceEquals(s.Subscriber, subscriber) && s.Channel == channel);

    public bool Unsubscribe(IActorRef subscriber) => Remove(s => ReferenceEquals(s.Subscriber, subscriber));

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var snapshot = _snapshot;
        if (snapshot.All.Length == 0) return;
        foreach (var subscription in snapshot.For(@event.GetType()))
        {
            if (subscription.Subscriber is { } subscriber)
            {
                subscriber.Tell(@event, ActorRefs.NoSender);
                continue;
            }
            try
            {
                subscription.Callback!(@event);
            }
            catch (Exception e)
            {
                _log.Error(e, "An event stream callback for {EventType} threw", @event.GetType().Name);
            }
        }
    }

    private bool Remove(Func<Subscription, bool> match)
    {
        lock (_gate)
        {
            var all = _snapshot.All;
            if (!all.Any(match)) return false;
            _snapshot = new Snapshot(all.Where(s => !match(s)).ToArray());
            return true;
        }
    }

    /// <summary>The subscriptions at one moment, with a per-event-type cache; replaced whole on every change so publishers never lock.</summary>
    private sealed class Snapshot(Subscription[] all)
    {
        private readonly ConcurrentDictionary<Type, Subscription[]> _byType = new();

        public Subscription[] All { get; } = all;

        public Subscription[] For(Type eventType) =>
            _byType.GetOrAdd(eventType, static (type, all) => all.Where(s => s.Channel.IsAssignableFrom(type)).ToArray(), All);
    }

    private sealed record Subscription(Type Channel, IActorRef? Subscriber, Action<object>? Callback);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose() => stream.Remove(s => ReferenceEquals(s, subscription));
    }
}
