namespace ActorTrain.Actors;

public sealed partial class ActorSystem
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _terminating;

    /// <summary>Completes once every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    /// <summary>Starts stopping every actor and returns <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0) _guardian.Self.SendSystemMessage(Actors.Terminate.Instance);
        return WhenTerminated;
    }

    /// <summary>
    /// Stops every actor and waits for them, at most <see cref="ActorSystemOptions.ShutdownTimeout"/>. Called from
    /// inside an actor it does not wait (that actor cannot stop while its handler runs).
    /// </summary>
    public void Dispose()
    {
        var done = Terminate();
        if (!ActorCell.IsInsideAnyTurn && !done.Wait(Options.ShutdownTimeout)) ReportStuckActors();
        _scheduler.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        var done = Terminate();
        if (!ActorCell.IsInsideAnyTurn)
        {
            try
            {
                await done.WaitAsync(Options.ShutdownTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                ReportStuckActors();
            }
        }
        _scheduler.Dispose();
    }

    internal void OnGuardianTerminated()
    {
        _scheduler.Dispose();
        _terminated.TrySetResult();
    }

    private void ReportStuckActors() =>
        Log.Warning("Actor system {System} did not stop within {Timeout}; still running: {Actors}", Name, Options.ShutdownTimeout,
            string.Join(", ", _guardian.DescendantPaths()));
}
