namespace ActorTrain.TestKit;

/// <summary>
/// A clock that moves only when told to. Timers created from it fire inside <see cref="Advance"/>, on the calling
/// thread, in due-time order, with the clock set to each timer's due time as it fires. A timer already due when it
/// is created or changed fires at once, as a real timer would as soon as it could.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = new();
    private DateTimeOffset _now;
    private long _nextSequence;

    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers waiting to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate) return _timers.Count;
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long GetTimestamp()
    {
        lock (_gate) return _now.UtcTicks;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate) target = _now + delta;
        FireDue(target);
    }

    internal void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan) return;
            timer.Due = _now + dueTime;
            timer.Period = period;
            timer.Sequence = _nextSequence++;
            _timers.Add(timer);
        }
        FireDue(until: null);
    }

    internal void Remove(ManualTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    /// <summary>Fires due timers one at a time, outside the lock, so a callback may create or change timers.</summary>
    private void FireDue(DateTimeOffset? until)
    {
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                var limit = until ?? _now;
                next = _timers.Where(t => t.Due <= limit).MinBy(t => (t.Due, t.Sequence));
                if (next is null)
                {
                    if (until is { } target && target > _now) _now = target;
                    return;
                }
                if (next.Due > _now) _now = next.Due;
                _timers.Remove(next);
                if (next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan)
                {
                    next.Due += next.Period;
                    next.Sequence = _nextSequence++;
                    _timers.Add(next);
                }
            }
            next.Fire();
        }
    }
}
