using Serilog;

namespace ActorTrain.Actors;

/// <summary>
/// The runtime side of one actor: its instance, mailbox, children, watchers and lifecycle state. Everything here runs
/// during the actor's turn (one thread at a time, handed over by the mailbox) except the children container, which
/// <see cref="ActorOf"/> may reach from outside the turn and so sits behind a lock. Split by concern:
/// Invoke (user messages, behaviors, async handlers), SystemInvoke, Lifecycle (create, restart, stop),
/// Children, FaultHandling (failing and supervising) and DeathWatch.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    /// <summary>The cell whose turn this thread is running: the implicit sender of a Tell without one.</summary>
    [ThreadStatic] private static ActorCell? t_current;

    /// <summary>The cell whose Props factory this thread is running, for <see cref="ActorBase"/>'s constructor.</summary>
    [ThreadStatic] private static ActorCell? t_constructing;

    /// <summary>Carries the implicit sender across awaits inside async handlers, where the thread-static is gone.</summary>
    private static readonly AsyncLocal<ActorCell?> s_asyncCurrent = new();

    private readonly ActorCell? _parent;
    private ILogger? _log;

    public ActorCell(ActorSystem system, Props props, ActorPath path, ActorCell? parent)
    {
        System = system;
        Props = props;
        _parent = parent;
        Self = new LocalActorRef(this, path);
        Mailbox = new Mailbox(this, props, system);
    }

    public ActorSystem System { get; }

    public Props Props { get; }

    public LocalActorRef Self { get; }

    public Mailbox Mailbox { get; }

    public ActorPath Path => Self.Path;

    public IActorRef Sender => _currentSender ?? System.DeadLetters;

    public IActorRef Parent => _parent is null ? Self : _parent.Self;

    public ILogger Log => _log ??= System.Log.ForContext("ActorPath", Path.ToString());

    IActorRef IActorContext.Self => Self;

    /// <summary>Resolves a Tell's sender argument: null means the current actor, if any; NoSender means nobody.</summary>
    public static IActorRef? ResolveSender(IActorRef? sender)
    {
        if (sender is null) return (t_current ?? s_asyncCurrent.Value)?.Self;
        return ReferenceEquals(sender, ActorRefs.NoSender) ? null : sender;
    }

    /// <summary>The sender of the message the current actor is processing, for Forward.</summary>
    public static IActorRef? CurrentSenderOrNull => (t_current ?? s_asyncCurrent.Value)?._currentSender;

    public static bool IsRunningTurnOf(ActorCell cell) => ReferenceEquals(t_current, cell);

    public static bool IsInsideAnyTurn => t_current is not null;

    /// <summary>Marks the start of this cell's turn on the current thread; returns what to restore at its end.</summary>
    public ActorCell? EnterTurn()
    {
        var previous = t_current;
        t_current = this;
        return previous;
    }

    public static void ExitTurn(ActorCell? previous) => t_current = previous;

    public static ActorCell? TakeConstructing()
    {
        var cell = t_constructing;
        t_constructing = null;
        return cell;
    }

    public override string ToString() => Path.ToString();
}
