namespace ActorTrain.TestKit;

/// <summary>A timer of a <see cref="ManualTimeProvider"/>; its schedule is guarded by the provider's lock.</summary>
internal sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    private volatile bool _disposed;

    public DateTimeOffset Due { get; set; }

    public TimeSpan Period { get; set; }

    public long Sequence { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_disposed) return false;
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(dueTime));
        owner.Schedule(this, dueTime, period);
        return true;
    }

    public void Fire()
    {
        if (!_disposed) callback(state);
    }

    public void Dispose()
    {
        _disposed = true;
        owner.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
