namespace ActorTrain.Actors;

internal sealed partial class ActorCell
{
    /// <summary>Processes one system message during this cell's turn.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        switch (message)
        {
            case Create:
                CreateActor();
                break;
            case Recreate recreate:
                FaultRecreate(recreate.Cause, recreate.Message);
                break;
            case Suspend:
                SuspendSelfAndChildren();
                break;
            case Resume resume:
                FaultResume(resume.CausedByFailure);
                break;
            case Terminate:
                StartTerminating();
                break;
            case Watch watch:
                AddWatcher(watch.Watcher);
                break;
            case Unwatch unwatch:
                RemoveWatcher(unwatch.Watcher);
                break;
            case DeathWatchNotification notification:
                WatchedActorTerminated(notification.Actor);
                break;
            case Failed failed:
                HandleFailed(failed);
                break;
            case ChildTerminated childTerminated:
                HandleChildTerminated(childTerminated.Child);
                break;
        }
    }

    /// <summary>
    /// A system message that reached this cell after it stopped. Only a watch needs an answer: the watcher gets its
    /// notification at once, which is how watching an already-dead actor still yields one <see cref="Terminated"/>.
    /// </summary>
    public void SystemInvokeDead(SystemMessage message)
    {
        if (message is Watch watch && !ReferenceEquals(watch.Watcher, Self))
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self));
    }
}
