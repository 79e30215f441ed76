using System.Collections.Concurrent;

namespace ActorTrain.Actors;

/// <summary>
/// An actor's two queues and its turn-taking. Any thread may post; the mailbox makes sure exactly one thread at a
/// time runs the cell (a "turn"), on the thread pool or on the actor's pinned thread. A turn processes every system
/// message first, then up to the throughput budget of user messages, checking for system messages after each one,
/// and then yields the thread so other actors get their turn.
/// </summary>
internal sealed partial class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly ActorCell _cell;
    private readonly ConcurrentQueue<Envelope> _user = new();
    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly PinnedThread? _pinned;
    private readonly IMailboxObserver? _observer;
    private readonly int _throughput;
    private int _status;
    private int _systemCount;
    private volatile bool _closed;

    public Mailbox(ActorCell cell, Props props, ActorSystem system)
    {
        _cell = cell;
        _observer = system.MailboxObserver;
        _throughput = props.Throughput ?? system.Throughput;
        if (props.Mailbox == MailboxKind.Bounded) _room = new SemaphoreSlim(props.MailboxCapacity);
        if (props.Dispatcher == DispatcherKind.Pinned) _pinned = new PinnedThread(this, cell.Path.ToString());
    }

    public bool IsClosed => _closed;

    public bool IsScheduled => Volatile.Read(ref _status) == Scheduled;

    public void Start() => _pinned?.Start();

    /// <summary>Queues a user message. Blocks on a full bounded mailbox (see <see cref="MailboxKind.Bounded"/>).</summary>
    public void Post(object message, IActorRef? sender)
    {
        if (_room is not null && !TakeRoom())
        {
            _cell.System.PublishDeadLetter(message, sender, _cell.Self);
            return;
        }
        Enqueue(message, sender);
    }

    private void Enqueue(object message, IActorRef? sender)
    {
        _observer?.OnPosted(_cell.Path, message); // before the enqueue, so it always precedes OnDequeued
        _user.Enqueue(new Envelope(message, sender));
        // The queue's enqueue is an interlocked operation, so this read cannot move before it: either the closing
        // thread sees the message when it drains, or this thread sees the close and drains it.
        if (_closed) DrainUserMessages();
        else ScheduleIfIdle();
    }

    public void PostSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        Interlocked.Increment(ref _systemCount);
        if (_closed) DrainSystemMessages();
        else ScheduleIfIdle();
    }

    /// <summary>Hands the cell a turn unless one is scheduled or running; the turn itself re-checks for work at its end.</summary>
    public void ScheduleIfIdle()
    {
        if (Volatile.Read(ref _status) != Idle || Interlocked.CompareExchange(ref _status, Scheduled, Idle) != Idle) return;
        if (_pinned is null) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        else _pinned.Signal();
    }

    void IThreadPoolWorkItem.Execute() => Run();

    /// <summary>One turn. Runs on one thread at a time: only the thread that moved the status to Scheduled gets here.</summary>
    public void Run()
    {
        var previous = _cell.EnterTurn();
        try
        {
            if (_cell.IsAwaitingTask && !_cell.TryFinishAwait()) return;
            ProcessSystemMessages();
            ProcessUserMessages();
        }
        finally
        {
            ActorCell.ExitTurn(previous);
            // A full fence: a poster that enqueued before this exchange is seen by HasWork; one after sees Idle.
            Interlocked.Exchange(ref _status, Idle);
            if (HasWork()) ScheduleIfIdle();
        }
    }

    private bool HasWork()
    {
        if (_closed) return false;
        if (_cell.IsAwaitingTask) return _cell.AwaitedTaskCompleted;
        return Volatile.Read(ref _systemCount) > 0 || (_cell.IsReadyForUserMessages && !_user.IsEmpty);
    }

    private void ProcessSystemMessages()
    {
        while (Volatile.Read(ref _systemCount) > 0 && !_cell.IsAwaitingTask && _system.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemCount);
            if (_closed) _cell.SystemInvokeDead(message);
            else _cell.SystemInvoke(message);
        }
    }

    private void ProcessUserMessages()
    {
        var cell = _cell;
        var observer = _observer;
        for (var left = _throughput; left > 0 && cell.IsReadyForUserMessages && _user.TryDequeue(out var envelope); left--)
        {
            ReturnRoom();
            if (observer is null) cell.Invoke(in envelope);
            else cell.InvokeObserved(in envelope, observer);
            if (Volatile.Read(ref _systemCount) > 0) ProcessSystemMessages();
        }
    }

    /// <summary>The cell has stopped: route everything queued, and everything posted from now on, to dead letters.</summary>
    public void Close()
    {
        _closed = true;
        Interlocked.MemoryBarrier();
        DrainUserMessages();
        DrainSystemMessages();
        _room?.Release(); // wakes one blocked sender; each one that wakes to a closed mailbox wakes the next
        _pinned?.Stop();
    }

    private void DrainUserMessages()
    {
        while (_user.TryDequeue(out var envelope))
        {
            ReturnRoom();
            _cell.System.PublishDeadLetter(envelope.Message, envelope.Sender, _cell.Self);
        }
    }

    private void DrainSystemMessages()
    {
        while (_system.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemCount);
            _cell.SystemInvokeDead(message);
        }
    }
}
