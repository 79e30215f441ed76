using Serilog.Events;

namespace ActorTrain.Actors;

internal sealed partial class ActorCell
{
    private bool _failed;

    /// <summary>
    /// This actor failed: hold its user messages (and its children's) and ask the parent's strategy. Nothing is
    /// logged here; the supervisor logs once, when it decides.
    /// </summary>
    public void HandleInvokeFailure(Exception cause, object? message)
    {
        if (_terminating)
        {
            Log.Debug(cause, "{ActorPath} failed while stopping", Path.ToString());
            return;
        }
        if (_failed)
        {
            Log.Debug(cause, "{ActorPath} failed again while waiting for its supervisor", Path.ToString());
            return;
        }
        _failed = true;
        SuspendSelfAndChildren();
        if (_parent is null)
        {
            Log.Error(cause, "The user guardian {ActorPath} failed; stopping every actor", Path.ToString());
            Self.SendSystemMessage(Terminate.Instance);
            return;
        }
        _parent.Self.SendSystemMessage(new Failed(Self, cause, message));
    }

    /// <summary>A child failed: this cell is its supervisor.</summary>
    private void HandleFailed(Failed failed)
    {
        if (_terminating) return;
        var entry = FindChild(failed.Child);
        if (entry is null || entry.Stopping) return; // it is going away already; nothing left to decide

        Directive directive;
        SupervisorStrategy strategy;
        try
        {
            strategy = ResolveSupervisorStrategy();
            directive = strategy.Decide(failed.Cause, entry, LiveChildEntries(), System.TimeProvider.GetUtcNow());
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
            return;
        }
        if (directive == Directive.Escalate && _parent is null) directive = Directive.Stop; // nobody above the guardian

        var failure = new ActorFailed(failed.Child, failed.Cause, failed.Message, directive);
        if (directive == Directive.Escalate)
        {
            Log.Debug("{ActorPath} escalates the failure of {ChildPath}", Path.ToString(), failed.Child.Path.ToString());
            System.EventStream.Publish(failure);
            HandleInvokeFailure(failed.Cause, null);
            return;
        }

        LogDecision(failure);
        System.EventStream.Publish(failure);
        // The hook runs before the directive goes out, while the child is still suspended, so a test or a
        // supervisor sees the decision before the child takes its next message.
        Exception? hookFailure = null;
        if (_actor is { } actor && !_failed)
        {
            try
            {
                actor.InvokeOnChildFailure(failure);
            }
            catch (Exception e)
            {
                hookFailure = e;
            }
        }
        strategy.Apply(this, failure, entry);
        if (hookFailure is not null) HandleInvokeFailure(hookFailure, failure);
    }

    private SupervisorStrategy ResolveSupervisorStrategy() =>
        Props.SupervisorStrategy
        ?? _actor?.InvokeSupervisorStrategy()
        ?? (_parent is null ? System.GuardianStrategy : SupervisorStrategy.Default);

    private void LogDecision(ActorFailed failure)
    {
        var level = failure.Directive == Directive.Resume ? LogEventLevel.Warning : LogEventLevel.Error;
        System.Log.Write(level, failure.Cause,
            "{ActorPath} failed while processing {MessageType}; supervisor {SupervisorPath} decided to {Directive}",
            failure.Actor.Path.ToString(), failure.Message?.GetType().Name ?? "(start)", Path.ToString(), failure.Directive);
    }

    internal static void ResumeChild(ChildEntry child, Exception cause) => child.Ref.SendSystemMessage(new Resume(cause));

    internal static void RestartChild(ChildEntry child, Exception cause, object? message, bool suspendFirst)
    {
        if (suspendFirst) child.Ref.SendSystemMessage(Suspend.Instance);
        child.Ref.SendSystemMessage(new Recreate(cause, message));
    }

    internal void StopChild(ChildEntry child) => Stop(child.Ref);
}
