using System.Collections.Concurrent;

namespace ActorTrain.Actors;

/// <summary>
/// The dedicated thread of one actor on the pinned dispatcher. It runs the actor's turns and, through its
/// synchronization context, the continuations of awaits inside the actor's handlers, so native thread-local state
/// (libtorch's grad mode, for one) is the same before and after an await.
/// </summary>
internal sealed class PinnedThread
{
    // Before blocking, poll for a while (tens of microseconds): in a request/response exchange the next message
    // usually arrives within microseconds, sooner than a blocked thread can be woken. Polling yields rather than
    // spins, because the sender may be waiting for this very core: measured on 2 busy cores, spinning made
    // ping-pong 15 times slower whenever the two pinned threads shared a core.
    private const int PollRounds = 64;

    private readonly Mailbox _mailbox;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _signal = new(false, spinCount: 1);
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _posted = new();
    private volatile bool _stopping;

    public PinnedThread(Mailbox mailbox, string name)
    {
        _mailbox = mailbox;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
    }

    public void Start() => _thread.Start();

    public void Signal() => _signal.Set();

    /// <summary>Ends the loop after the current turn; called from the turn that stops the actor.</summary>
    public void Stop()
    {
        _stopping = true;
        _signal.Set();
    }

    public void Post(SendOrPostCallback callback, object? state)
    {
        _posted.Enqueue((callback, state));
        if (_stopping) DrainPostedToThreadPool();
        else _signal.Set();
    }

    private void Loop()
    {
        SynchronizationContext.SetSynchronizationContext(new PinnedSynchronizationContext(this));
        while (true)
        {
            // Reset before looking for work: a signal that arrives after the look is kept for the Wait below.
            _signal.Reset();
            RunPosted();
            if (_stopping) break;
            if (_mailbox.IsScheduled) _mailbox.Run();
            else WaitForSignal();
        }
        // Continuations posted after the actor stopped still have to run somewhere.
        DrainPostedToThreadPool();
    }

    private void WaitForSignal()
    {
        for (var round = 0; round < PollRounds; round++)
        {
            if (_signal.IsSet) return;
            Thread.Yield();
        }
        _signal.Wait();
    }

    private void RunPosted()
    {
        while (_posted.TryDequeue(out var work)) work.Callback(work.State);
    }

    private void DrainPostedToThreadPool()
    {
        while (_posted.TryDequeue(out var work))
            ThreadPool.UnsafeQueueUserWorkItem(static w => w.Callback(w.State), work, preferLocal: false);
    }
}
