using Serilog;

namespace ActorTrain.Actors;

/// <summary>
/// A named tree of actors: <c>actortrain://name/user/...</c> under a guardian. It owns the dead-letter office,
/// the event stream and the scheduler. Disposing it stops every actor (children before parents) and returns,
/// waiting at most <see cref="ActorSystemOptions.ShutdownTimeout"/>.
/// </summary>
public sealed partial class ActorSystem : IDisposable, IAsyncDisposable
{
    private readonly ActorCell _guardian;
    private readonly TimerScheduler _scheduler;
    private readonly ActorPath _tempPath;
    private long _tempCounter;

    private ActorSystem(string name, ActorSystemOptions options)
    {
        Name = name;
        Options = options;
        TimeProvider = options.TimeProvider;
        Log = options.Logger ?? Serilog.Log.Logger;
        MailboxObserver = options.MailboxObserver;
        MessageInterceptor = options.MessageInterceptor;
        Throughput = options.Throughput;
        GuardianStrategy = options.GuardianStrategy ?? SupervisorStrategy.Default;
        EventStream = new EventStream(Log);
        _scheduler = new TimerScheduler(TimeProvider, Log);

        var root = ActorPath.Root(name);
        _tempPath = root.Child("temp");
        DeadLetterRef = new DeadLetterActorRef(this, root.Child("deadLetters"));
        _guardian = new ActorCell(this, Props.Create(static () => new GuardianActor()), root.Child("user"), parent: null);
        _guardian.Start();
    }

    public string Name { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Log { get; }

    public EventStream EventStream { get; }

    public IScheduler Scheduler => _scheduler;

    /// <summary>Sending here publishes a <see cref="DeadLetter"/>; it is also what an actor sees as Sender when there is none.</summary>
    public IActorRef DeadLetters => DeadLetterRef;

    internal DeadLetterActorRef DeadLetterRef { get; }

    internal ActorSystemOptions Options { get; }

    internal IMailboxObserver? MailboxObserver { get; }

    internal IMessageInterceptor? MessageInterceptor { get; }

    internal int Throughput { get; }

    internal SupervisorStrategy GuardianStrategy { get; }

    public static ActorSystem Create(string name, ActorSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"'{name}' is not a valid actor system name: use letters, digits, '-' and '_'.", nameof(name));
        options ??= new ActorSystemOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Throughput, 1, nameof(options.Throughput));
        return new ActorSystem(name, options);
    }

    /// <summary>Creates a top-level actor under /user; a null name picks a unique one.</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (IsTerminating) throw new InvalidOperationException($"Actor system {Name} is stopping and cannot create actors.");
        return _guardian.ActorOf(props, name);
    }

    /// <summary>Stops <paramref name="actor"/> after the message it is processing; what is still queued becomes dead letters.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.AsInternal().SendSystemMessage(Actors.Terminate.Instance);
    }

    /// <summary>
    /// Sends <see cref="PoisonPill"/> (so queued messages are processed first) and waits for the actor to stop:
    /// true when it stopped within <paramref name="timeout"/> on the system's clock, false otherwise (it may still
    /// stop later). The timeout also bounds waiting for room in a full bounded mailbox.
    /// </summary>
    public async Task<bool> GracefulStop(IActorRef actor, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var target = actor.AsInternal();
        if (target.IsTerminated) return true;
        var watcher = new PromiseActorRef(this, NextTempPath("stop"));
        target.SendSystemMessage(new Watch(target, watcher));
        using var deadline = new CancellationTokenSource(timeout, TimeProvider);
        try
        {
            await target.TellAsync(PoisonPill.Instance, ActorRefs.NoSender, deadline.Token).ConfigureAwait(false);
            return await watcher.Result.WaitAsync(deadline.Token).ConfigureAwait(false) is Terminated;
        }
        catch (OperationCanceledException)
        {
            target.SendSystemMessage(new Unwatch(target, watcher));
            return false;
        }
    }

    internal ActorPath NextTempPath(string prefix) => _tempPath.Child($"${prefix}-{Interlocked.Increment(ref _tempCounter)}");

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        // A dead letter that cannot be delivered to a (stopped) subscriber is not published again: that would loop.
        if (message is DeadLetter) return;
        Log.Debug("Dead letter {MessageType} from {Sender} to {Recipient}", message.GetType().Name, sender?.Path.ToString() ?? "nobody",
            recipient.Path.ToString());
        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    public override string ToString() => $"ActorSystem({Name})";
}
