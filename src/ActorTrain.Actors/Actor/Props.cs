namespace ActorTrain.Actors;

/// <summary>
/// How to make an actor: a factory (called again on every restart, so it must return a new instance each time),
/// a mailbox, a dispatcher and optionally a strategy for supervising the actor's children. Immutable.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        _factory = factory;
    }

    private Props(Props other)
        : this(other.ActorType, other._factory)
    {
        Dispatcher = other.Dispatcher;
        Mailbox = other.Mailbox;
        MailboxCapacity = other.MailboxCapacity;
        Throughput = other.Throughput;
        SupervisorStrategy = other.SupervisorStrategy;
    }

    public Type ActorType { get; }

    public DispatcherKind Dispatcher { get; private init; } = DispatcherKind.ThreadPool;

    public MailboxKind Mailbox { get; private init; } = MailboxKind.Unbounded;

    /// <summary>The bound of a <see cref="MailboxKind.Bounded"/> mailbox; 0 when unbounded.</summary>
    public int MailboxCapacity { get; private init; }

    /// <summary>User messages per turn before the actor yields its thread; null uses the system's setting.</summary>
    public int? Throughput { get; private init; }

    /// <summary>Supervises this actor's children; overrides the actor's own <c>SupervisorStrategy()</c>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    public static Props Create<T>(Func<T> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory);
    }

    public static Props Create<T>() where T : ActorBase, new() => new(typeof(T), static () => new T());

    public Props WithDispatcher(DispatcherKind dispatcher) => new(this) { Dispatcher = dispatcher };

    public Props WithMailbox(MailboxKind kind, int capacity = 0)
    {
        if (kind == MailboxKind.Bounded && capacity <= 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a bounded mailbox needs a capacity of at least 1.");
        return new(this) { Mailbox = kind, MailboxCapacity = kind == MailboxKind.Bounded ? capacity : 0 };
    }

    public Props WithBoundedMailbox(int capacity) => WithMailbox(MailboxKind.Bounded, capacity);

    public Props WithThroughput(int messagesPerTurn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesPerTurn, 1);
        return new(this) { Throughput = messagesPerTurn };
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(this) { SupervisorStrategy = strategy };
    }

    internal ActorBase NewActor() => _factory();

    public override string ToString() => $"Props({ActorType.Name}, {Dispatcher}, {Mailbox}{(Mailbox == MailboxKind.Bounded ? $" {MailboxCapacity}" : "")})";
}
