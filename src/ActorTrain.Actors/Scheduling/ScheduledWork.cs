namespace ActorTrain.Actors;

/// <summary>One scheduled item and its timer.</summary>
internal sealed class ScheduledWork(TimerScheduler owner, Action action, bool repeats) : ICancelable
{
    private ITimer? _timer;
    private volatile bool _cancelled;

    public bool IsCancellationRequested => _cancelled;

    public void Start(TimeProvider time, TimeSpan dueTime, TimeSpan period)
    {
        var timer = time.CreateTimer(static state => ((ScheduledWork)state!).Fire(), this, dueTime, period);
        Volatile.Write(ref _timer, timer);
        // A due time of zero may fire (and cancel) before the timer was stored here.
        if (_cancelled) timer.Dispose();
    }

    public void Cancel()
    {
        if (_cancelled) return;
        _cancelled = true;
        Volatile.Read(ref _timer)?.Dispose();
        owner.Forget(this);
    }

    private void Fire()
    {
        if (_cancelled) return;
        if (!repeats) Cancel();
        try
        {
            action();
        }
        catch (Exception e)
        {
            owner.Report(e);
        }
    }
}
