namespace ActorTrain.Actors;

/// <summary>
/// How an actor treats its children's failures: a decider maps the exception to a <see cref="Directive"/>, and a
/// Restart beyond <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/> becomes a Stop. The two kinds
/// differ in scope: <see cref="OneForOneStrategy"/> acts on the failed child, <see cref="AllForOneStrategy"/> on all.
/// </summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>One-for-one, restart on any exception except start failures, Kill and death pacts (those stop), no retry limit.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Restarts allowed per child within the window; -1 for no limit, 0 for none.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window the retry limit counts in; zero, negative or infinite for "since the child was created".</summary>
    public TimeSpan WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>The decider's directive, with a Restart over the retry limit turned into a Stop.</summary>
    internal Directive Decide(Exception cause, ChildEntry failed, IReadOnlyList<ChildEntry> children, DateTimeOffset now)
    {
        var directive = Decider(cause);
        if (directive != Directive.Restart) return directive;
        return PermitsRestart(failed, children, now) ? Directive.Restart : Directive.Stop;
    }

    private protected abstract bool PermitsRestart(ChildEntry failed, IReadOnlyList<ChildEntry> children, DateTimeOffset now);

    private protected bool PermitsRestart(ChildEntry child, DateTimeOffset now) =>
        child.Stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, now);

    /// <summary>Carries out a decided Resume, Restart or Stop.</summary>
    internal abstract void Apply(ActorCell supervisor, ActorFailed failure, ChildEntry failed);
}
