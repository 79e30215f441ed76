namespace ActorTrain.Actors;

/// <summary>Applies each decision to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>No retry limit.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : base(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    private protected override bool PermitsRestart(ChildEntry failed, IReadOnlyList<ChildEntry> children, DateTimeOffset now) =>
        PermitsRestart(failed, now);

    internal override void Apply(ActorCell supervisor, ActorFailed failure, ChildEntry failed)
    {
        switch (failure.Directive)
        {
            case Directive.Resume:
                ActorCell.ResumeChild(failed, failure.Cause);
                break;
            case Directive.Restart:
                ActorCell.RestartChild(failed, failure.Cause, failure.Message, suspendFirst: false);
                break;
            case Directive.Stop:
                supervisor.StopChild(failed);
                break;
        }
    }
}
