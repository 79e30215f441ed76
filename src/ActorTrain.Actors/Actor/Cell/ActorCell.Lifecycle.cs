namespace ActorTrain.Actors;

internal sealed partial class ActorCell
{
    private int _suspendCount;
    private bool _terminating;
    private bool _readyForUser;
    private PendingRecreate? _pendingRecreate;

    /// <summary>Checked by the mailbox before each user message; false while failed, suspended, restarting, stopping or awaiting.</summary>
    public bool IsReadyForUserMessages => _readyForUser && _awaitedTask is null;

    public void Start()
    {
        Mailbox.Start();
        Mailbox.PostSystem(Create.Instance);
    }

    private void UpdateReadiness() =>
        _readyForUser = _actor is not null && _suspendCount == 0 && !_terminating && _pendingRecreate is null;

    private void CreateActor()
    {
        try
        {
            InstallNewActor().InvokePreStart();
        }
        catch (Exception e)
        {
            FailStarting(e, "start");
        }
    }

    private ActorBase InstallNewActor()
    {
        var previous = t_constructing;
        t_constructing = this;
        ActorBase actor;
        try
        {
            actor = Props.NewActor();
        }
        finally
        {
            t_constructing = previous;
        }
        if (!ReferenceEquals(actor.Cell, this))
            throw new InvalidOperationException($"The Props factory for {Path} returned an existing actor; it must create a new instance on every call.");
        _actor = actor;
        ResetBehavior(actor);
        UpdateReadiness();
        return actor;
    }

    /// <summary>A constructor or start hook threw: there is no usable instance, and the supervisor decides.</summary>
    private void FailStarting(Exception cause, string stage)
    {
        _actor = null;
        UpdateReadiness();
        HandleInvokeFailure(new ActorInitializationException(Self, $"{Path} failed to {stage}: {cause.Message}", cause), null);
    }

    /// <summary>The supervisor's Restart. The fresh instance is made only once the children being stopped are gone, so it can reuse their names.</summary>
    private void FaultRecreate(Exception cause, object? message)
    {
        if (_terminating) return;
        if (_pendingRecreate is not null)
        {
            // A restart is already under way and covers this one; only the suspension that came with it is lifted.
            ClearFailure();
            return;
        }
        var failed = _actor;
        if (failed is null)
        {
            // It failed while starting: its PreStart may have made children the fresh instance would make again.
            StopChildren();
        }
        else
        {
            try
            {
                failed.InvokePreRestart(cause, message);
            }
            catch (Exception e)
            {
                Log.Error(e, "{ActorPath} threw in PreRestart; restarting it anyway", Path.ToString());
            }
        }
        _actor = null;
        _pendingRecreate = new PendingRecreate(cause, WasRunning: failed is not null);
        UpdateReadiness();
        if (!HasChildrenBeingStopped()) FinishRecreate();
    }

    private void FinishRecreate()
    {
        var (cause, wasRunning) = _pendingRecreate!;
        _pendingRecreate = null;
        ClearFailure();
        var survivors = LiveChildren();
        try
        {
            var actor = InstallNewActor();
            if (wasRunning) actor.InvokePostRestart(cause);
            else actor.InvokePreStart();
        }
        catch (Exception e)
        {
            FailStarting(e, "restart");
            return;
        }
        // As in Akka, children the old instance kept are restarted with it (which also lifts their suspension).
        foreach (var child in survivors) child.SendSystemMessage(new Recreate(cause, null));
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_terminating) return;
        if (causedByFailure is not null && _actor is null)
        {
            // Failed while starting: there is no state to resume, so start afresh.
            FaultRecreate(causedByFailure, null);
            return;
        }
        if (causedByFailure is not null) _failed = false;
        if (_suspendCount > 0) _suspendCount--;
        UpdateReadiness();
        SendToChildren(new Resume(null));
    }

    private void SuspendSelfAndChildren()
    {
        _suspendCount++;
        UpdateReadiness();
        SendToChildren(Suspend.Instance);
    }

    private void ClearFailure()
    {
        _failed = false;
        if (_suspendCount > 0) _suspendCount--;
    }

    /// <summary>Stopping runs children first: this cell finishes only when the last one reports back.</summary>
    private void StartTerminating()
    {
        if (_terminating) return;
        _terminating = true;
        UpdateReadiness();
        UnwatchAll();
        if (!CloseAndStopChildren()) FinishTerminate();
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        _actor = null;
        if (actor is not null)
        {
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception e)
            {
                Log.Error(e, "{ActorPath} threw in PostStop", Path.ToString());
            }
        }
        _behaviors.Clear();
        _behavior = static _ => false;
        _currentMessage = null;
        _currentSender = null;
        Mailbox.Close();
        TellWatchersWeDied();
        Self.ReleaseHeld();
        System.EventStream.Unsubscribe(Self);
        if (_parent is null) System.OnGuardianTerminated();
        else _parent.Self.SendSystemMessage(new ChildTerminated(Self));
    }

    private void HandleChildTerminated(IInternalActorRef child)
    {
        RemoveChild(child);
        if (_terminating)
        {
            if (!HasChildren()) FinishTerminate();
        }
        else if (_pendingRecreate is not null && !HasChildrenBeingStopped())
        {
            FinishRecreate();
        }
    }

    private sealed record PendingRecreate(Exception Cause, bool WasRunning);
}
