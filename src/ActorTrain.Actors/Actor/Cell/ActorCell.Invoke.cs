using System.Diagnostics;

namespace ActorTrain.Actors;

internal sealed partial class ActorCell
{
    private ActorBase? _actor;
    private readonly List<Behavior> _behaviors = new(1);
    private Behavior _behavior = static _ => false;
    private object? _currentMessage;
    private IActorRef? _currentSender;

    // The async handler in flight, if any. _taskCompleted is the only field written from outside the turn.
    private Task? _awaitedTask;
    private volatile bool _taskCompleted;
    private long _awaitStartTimestamp;
    private Action? _onTaskCompleted;

    public bool IsAwaitingTask => _awaitedTask is not null;

    /// <summary>True when a completed async handler is waiting for the turn that finishes it.</summary>
    public bool AwaitedTaskCompleted => _taskCompleted;

    /// <summary>Processes one user message. Called only by the mailbox, during this cell's turn.</summary>
    public void Invoke(in Envelope envelope)
    {
        _currentMessage = envelope.Message;
        _currentSender = envelope.Sender;
        try
        {
            if (envelope.Message is IAutoReceivedMessage) AutoReceive(envelope.Message);
            else if (!_behavior(envelope.Message)) _actor!.InvokeUnhandled(envelope.Message);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, envelope.Message);
        }
        if (_awaitedTask is null)
        {
            // Drop the references so a processed message (and any tensor in it) can be collected.
            _currentMessage = null;
            _currentSender = null;
        }
    }

    /// <summary>Like <see cref="Invoke"/>, reporting to the mailbox observer.</summary>
    public void InvokeObserved(in Envelope envelope, IMailboxObserver observer)
    {
        observer.OnDequeued(Path, envelope.Message);
        var start = Stopwatch.GetTimestamp();
        Invoke(in envelope);
        if (_awaitedTask is null) observer.OnProcessed(Path, envelope.Message, Stopwatch.GetElapsedTime(start));
        else _awaitStartTimestamp = start;
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case PoisonPill:
                Self.SendSystemMessage(Terminate.Instance);
                break;
            case Kill:
                throw new ActorKilledException($"{Path} received Kill.");
            case Terminated terminated:
                if (TryConsumeTerminated(terminated) && !_behavior(terminated)) _actor!.InvokeUnhandled(terminated);
                break;
        }
    }

    public void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        Log.Debug("{ActorPath} did not handle {MessageType}", Path.ToString(), message.GetType().Name);
        System.EventStream.Publish(new UnhandledMessage(message, _currentSender, Self));
    }

    /// <summary>
    /// Runs an async handler (or a hook's <c>RunTask</c>). A task that completes synchronously costs nothing more;
    /// otherwise the actor holds all further messages until it completes.
    /// </summary>
    public void RunTask<T>(Func<T, Task> handler, T argument)
    {
        if (_awaitedTask is not null) throw new InvalidOperationException($"{Path} already awaits a task for this message; run one task per message.");
        var previous = s_asyncCurrent.Value;
        s_asyncCurrent.Value = this;
        Task task;
        try
        {
            task = handler(argument);
        }
        finally
        {
            s_asyncCurrent.Value = previous;
        }
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        _awaitedTask = task;
        _taskCompleted = false;
        _onTaskCompleted ??= OnAwaitedTaskCompleted;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onTaskCompleted);
    }

    /// <summary>Runs on whatever thread completed the task: only flags it and hands the cell a turn.</summary>
    private void OnAwaitedTaskCompleted()
    {
        _taskCompleted = true;
        Mailbox.ScheduleIfIdle();
    }

    /// <summary>At the start of a turn: false while the async handler still runs; otherwise settles its outcome.</summary>
    public bool TryFinishAwait()
    {
        if (!_taskCompleted) return false;
        var task = _awaitedTask!;
        var message = _currentMessage; // null when the task came from PreStart or another hook
        _awaitedTask = null;
        _taskCompleted = false;
        if (message is not null) System.MailboxObserver?.OnProcessed(Path, message, Stopwatch.GetElapsedTime(_awaitStartTimestamp));
        if (!task.IsCompletedSuccessfully)
        {
            var error = task.Exception?.InnerException ?? new TaskCanceledException(task);
            HandleInvokeFailure(error, message);
        }
        _currentMessage = null;
        _currentSender = null;
        return true;
    }

    public void Become(Behavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        if (_behaviors.Count > 1) _behaviors.RemoveAt(_behaviors.Count - 1);
        else _behaviors.Clear();
        _behaviors.Add(behavior);
        _behavior = behavior;
    }

    public void BecomeStacked(Behavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        _behaviors.Add(behavior);
        _behavior = behavior;
    }

    /// <summary>Pops a behavior; with nothing stacked it returns to the actor's initial handlers, as in Akka.</summary>
    public void Unbecome()
    {
        if (_behaviors.Count > 1)
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
            _behavior = _behaviors[^1];
        }
        else if (_actor is not null)
        {
            ResetBehavior(_actor);
        }
    }

    private void ResetBehavior(ActorBase actor)
    {
        _behaviors.Clear();
        _behaviors.Add(actor.InitialBehavior);
        _behavior = actor.InitialBehavior;
    }
}
