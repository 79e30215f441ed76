using System.Collections.Concurrent;
using System.Diagnostics;
using ActorTrain.Actors;

namespace ActorTrain.TestKit;

/// <summary>
/// An actor ref that records what it is sent, for tests to assert on: <c>ExpectMsg</c> blocks (with a timeout,
/// never forever) until the next message arrives. It can watch actors (<see cref="ExpectTerminated"/>), be watched,
/// and be stopped. Messages are recorded on the sender's thread, so nothing is scheduled to receive them.
/// </summary>
public sealed class TestProbe : IInternalActorRef
{
    private static long s_counter;

    private readonly BlockingCollection<(object Message, IActorRef? Sender)> _received = new();
    private readonly Lock _gate = new();
    private readonly HashSet<IInternalActorRef> _watching = new();
    private readonly HashSet<IInternalActorRef> _watchers = new();
    private bool _stopped;
    private long? _deadline; // Stopwatch timestamp that ends the innermost Within block

    public TestProbe(ActorSystem system, string? name = null, TimeSpan? defaultTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        Path = ActorPath.Root(system.Name).Child("system").Child(name ?? $"testProbe-{Interlocked.Increment(ref s_counter)}");
        DefaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(3);
    }

    public ActorSystem System { get; }

    public ActorPath Path { get; }

    /// <summary>How long an expectation waits when given no timeout (outside a <see cref="Within(TimeSpan, Action)"/> block).</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>The sender of the last message an expectation took.</summary>
    public IActorRef? LastSender { get; private set; }

    public bool IsTerminated
    {
        get
        {
            lock (_gate) return _stopped;
        }
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        sender = ActorCell.ResolveSender(sender);
        if (IsTerminated) System.PublishDeadLetter(message, sender, this);
        else _received.Add((message, sender));
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with this probe as the sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, this);

    /// <summary>Answers the sender of the last message taken.</summary>
    public void Reply(object message) =>
        (LastSender ?? throw new ExpectationFailedException("Reply needs a sender, but no message with one was taken yet.")).Tell(message, this);

    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout, null);

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) =>
        ExpectMsg<T>(m => EqualityComparer<T>.Default.Equals(m, expected), timeout, $"equal to {expected}");

    public T ExpectMsg<T>(Predicate<T> isExpected, TimeSpan? timeout = null) => ExpectMsg(isExpected, timeout, "matching the predicate");

    /// <summary>Fails if any message arrives within <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_received.TryTake(out var item, duration))
            throw new ExpectationFailedException($"{Path}: expected no message for {duration.TotalMilliseconds} ms but got {Describe(item.Message)}.");
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTarget"/>, and returns it.</summary>
    public object FishForMessage(Predicate<object> isTarget, TimeSpan? timeout = null) => FishForMessage<object>(isTarget, timeout);

    public T FishForMessage<T>(Predicate<T> isTarget, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTarget);
        var wait = Effective(timeout);
        var start = Stopwatch.GetTimestamp();
        var skipped = new List<object>();
        while (true)
        {
            var left = wait - Stopwatch.GetElapsedTime(start);
            if (left <= TimeSpan.Zero || !_received.TryTake(out var item, left))
                throw new ExpectationFailedException(
                    $"{Path}: no {typeof(T).Name} matched within {wait.TotalMilliseconds} ms; skipped [{string.Join(", ", skipped.Select(Describe))}].");
            if (item.Message is T typed && isTarget(typed))
            {
                LastSender = item.Sender;
                return typed;
            }
            skipped.Add(item.Message);
        }
    }

    /// <summary>Runs <paramref name="block"/>, failing if it takes longer than <paramref name="max"/>; expectations inside wait at most for what is left.</summary>
    public void Within(TimeSpan max, Action block) => Within(max, () =>
    {
        block();
        return true;
    });

    public T Within<T>(TimeSpan max, Func<T> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var start = Stopwatch.GetTimestamp();
        var outer = _deadline;
        var deadline = start + (long)(max.TotalSeconds * Stopwatch.Frequency);
        _deadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            var result = block();
            var took = Stopwatch.GetElapsedTime(start);
            if (took > max) throw new ExpectationFailedException($"{Path}: the block took {took.TotalMilliseconds:0} ms, more than the {max.TotalMilliseconds} ms allowed.");
            return result;
        }
        finally
        {
            _deadline = outer;
        }
    }

    /// <summary>Asks for a <see cref="Terminated"/> when <paramref name="target"/> stops (at once if it already has).</summary>
    public IActorRef Watch(IActorRef target)
    {
        var subject = target.AsInternal();
        bool added;
        lock (_gate) added = _watching.Add(subject);
        if (added) subject.SendSystemMessage(new Watch(subject, this));
        return target;
    }

    public IActorRef Unwatch(IActorRef target)
    {
        var subject = target.AsInternal();
        bool removed;
        lock (_gate) removed = _watching.Remove(subject);
        if (removed) subject.SendSystemMessage(new Unwatch(subject, this));
        return target;
    }

    /// <summary>Expects the next message to be the <see cref="Terminated"/> of <paramref name="target"/>.</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => ReferenceEquals(t.ActorRef, target.AsInternal()), timeout, $"for {target.Path}");

    void IInternalActorRef.SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification notification:
                bool watched;
                lock (_gate) watched = _watching.Remove(notification.Actor);
                if (watched) _received.Add((new Terminated(notification.Actor), notification.Actor));
                break;
            case Watch watch when ReferenceEquals(watch.Watchee, this):
                bool stopped;
                lock (_gate)
                {
                    stopped = _stopped;
                    if (!stopped) _watchers.Add(watch.Watcher);
                }
                if (stopped) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
                break;
            case Unwatch unwatch:
                lock (_gate) _watchers.Remove(unwatch.Watcher);
                break;
            case Terminate:
                Stop();
                break;
        }
    }

    private void Stop()
    {
        IInternalActorRef[] watchers;
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
            watchers = [.. _watchers];
            _watchers.Clear();
        }
        foreach (var watcher in watchers) watcher.SendSystemMessage(new DeathWatchNotification(this));
    }

    private T ExpectMsg<T>(Predicate<T> isExpected, TimeSpan? timeout, string? what)
    {
        ArgumentNullException.ThrowIfNull(isExpected);
        var wait = Effective(timeout);
        if (!_received.TryTake(out var item, wait))
            throw new ExpectationFailedException($"{Path}: timeout ({wait.TotalMilliseconds} ms) while waiting for a {typeof(T).Name}{(what is null ? "" : " " + what)}.");
        LastSender = item.Sender;
        if (item.Message is T typed && isExpected(typed)) return typed;
        throw new ExpectationFailedException($"{Path}: expected a {typeof(T).Name}{(what is null ? "" : " " + what)} but got {Describe(item.Message)}.");
    }

    private TimeSpan Effective(TimeSpan? timeout)
    {
        var wait = timeout ?? DefaultTimeout;
        if (_deadline is not { } deadline) return wait;
        var left = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
        return left < wait ? (left < TimeSpan.Zero ? TimeSpan.Zero : left) : wait;
    }

    private static string Describe(object message) => $"{message.GetType().Name} {message}";

    public override string ToString() => Path.ToString();
}
