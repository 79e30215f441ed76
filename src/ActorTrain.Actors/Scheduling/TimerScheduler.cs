using Serilog;

namespace ActorTrain.Actors;

/// <summary>The system's <see cref="IScheduler"/>: one <see cref="ITimer"/> from the TimeProvider per scheduled item.</summary>
internal sealed class TimerScheduler(TimeProvider time, ILogger log) : IScheduler, IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<ScheduledWork> _active = new();
    private bool _disposed;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return ScheduleOnce(delay, () => receiver.Tell(message, sender ?? ActorRefs.NoSender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Start(new ScheduledWork(this, () => receiver.Tell(message, sender ?? ActorRefs.NoSender), repeats: true), initialDelay, interval);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Start(new ScheduledWork(this, action, repeats: false), delay, Timeout.InfiniteTimeSpan);
    }

    private ScheduledWork Start(ScheduledWork work, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                work.Cancel();
                return work;
            }
            _active.Add(work);
        }
        work.Start(time, dueTime, period);
        return work;
    }

    internal void Forget(ScheduledWork work)
    {
        lock (_gate) _active.Remove(work);
    }

    internal void Report(Exception error) => log.Error(error, "A scheduled action threw");

    public void Dispose()
    {
        ScheduledWork[] pending;
        lock (_gate)
        {
            _disposed = true;
            pending = [.. _active];
            _active.Clear();
        }
        foreach (var work in pending) work.Cancel();
    }
}
