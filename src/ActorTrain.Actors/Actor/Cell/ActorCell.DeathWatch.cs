namespace ActorTrain.Actors;

internal sealed partial class ActorCell
{
    private HashSet<IInternalActorRef>? _watching;
    private HashSet<IInternalActorRef>? _watchedBy;
    private HashSet<IInternalActorRef>? _terminatedQueued;

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var target = subject.AsInternal();
        if (ReferenceEquals(target, Self)) return subject;
        if ((_watching ??= new()).Add(target)) target.SendSystemMessage(new Watch(target, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var target = subject.AsInternal();
        _terminatedQueued?.Remove(target);
        if (_watching?.Remove(target) == true) target.SendSystemMessage(new Unwatch(target, Self));
        return subject;
    }

    private void AddWatcher(IInternalActorRef watcher)
    {
        if (!ReferenceEquals(watcher, Self)) (_watchedBy ??= new()).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watcher) => _watchedBy?.Remove(watcher);

    /// <summary>
    /// The notification becomes a <see cref="Terminated"/> in the user queue, behind whatever the dead actor sent
    /// before it died. Removing the subject from <c>_watching</c> first is what makes it arrive exactly once.
    /// </summary>
    private void WatchedActorTerminated(IInternalActorRef actor)
    {
        if (_watching?.Remove(actor) != true || _terminating) return;
        (_terminatedQueued ??= new()).Add(actor);
        Mailbox.Post(new Terminated(actor), actor);
    }

    /// <summary>False when the watch was cancelled after the <see cref="Terminated"/> was queued.</summary>
    private bool TryConsumeTerminated(Terminated terminated) =>
        terminated.ActorRef is IInternalActorRef actor && _terminatedQueued?.Remove(actor) == true;

    private void UnwatchAll()
    {
        if (_watching is null) return;
        foreach (var target in _watching) target.SendSystemMessage(new Unwatch(target, Self));
        _watching = null;
        _terminatedQueued = null;
    }

    private void TellWatchersWeDied()
    {
        if (_watchedBy is null) return;
        foreach (var watcher in _watchedBy) watcher.SendSystemMessage(new DeathWatchNotification(Self));
        _watchedBy = null;
    }
}
