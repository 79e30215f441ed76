namespace ActorTrain.Actors;

/// <summary>
/// Applies Restart and Stop to every child, for children that only make sense together (the stages of one
/// pipeline). Resume still applies to the failed child alone. A restart needs every child within its retry limit.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>No retry limit.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : base(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    private protected override bool PermitsRestart(ChildEntry failed, IReadOnlyList<ChildEntry> children, DateTimeOffset now)
    {
        var permitted = true;
        foreach (var child in children) permitted &= PermitsRestart(child, now); // count the restart for every child
        return permitted;
    }

    internal override void Apply(ActorCell supervisor, ActorFailed failure, ChildEntry failed)
    {
        switch (failure.Directive)
        {
            case Directive.Resume:
                ActorCell.ResumeChild(failed, failure.Cause);
                break;
            case Directive.Restart:
                foreach (var child in supervisor.LiveChildEntries())
                {
                    var isFailed = ReferenceEquals(child, failed);
                    // Siblings are suspended first so none of them takes another message before its restart.
                    ActorCell.RestartChild(child, failure.Cause, isFailed ? failure.Message : null, suspendFirst: !isFailed);
                }
                break;
            case Directive.Stop:
                foreach (var child in supervisor.LiveChildEntries()) supervisor.StopChild(child);
                break;
        }
    }
}
