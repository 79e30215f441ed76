namespace ActorTrain.Actors;

internal sealed partial class ActorCell
{
    // Reached from outside the turn by ActorSystem.ActorOf (the guardian's children), hence the lock.
    private readonly object _childrenLock = new();
    private Dictionary<string, ChildEntry>? _children;
    private bool _childrenClosed;
    private long _nextChildId;

    public IReadOnlyList<IActorRef> Children
    {
        get
        {
            lock (_childrenLock)
                return _children is null ? [] : _children.Values.Where(c => !c.Stopping).Select(c => (IActorRef)c.Ref).ToArray();
        }
    }

    public IActorRef? Child(string name)
    {
        lock (_childrenLock)
            return _children is not null && _children.TryGetValue(name, out var entry) && !entry.Stopping ? entry.Ref : null;
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        ActorCell child;
        lock (_childrenLock)
        {
            if (_childrenClosed) throw new InvalidOperationException($"{Path} is stopping and cannot create children.");
            name = name is null ? "$" + _nextChildId++ : ActorPath.ValidateName(name);
            _children ??= new(StringComparer.Ordinal);
            if (_children.ContainsKey(name))
                throw new InvalidActorNameException($"{Path}/{name} already exists (a name stays taken until its actor has stopped).");
            child = new ActorCell(System, props, Path.Child(name), this);
            _children.Add(name, new ChildEntry(child.Self));
        }
        child.Start();
        return child.Self;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var target = actor.AsInternal();
        if (target is LocalActorRef local && ReferenceEquals(local.Cell._parent, this))
        {
            lock (_childrenLock)
                if (FindEntryLocked(local) is { } entry) entry.Stopping = true;
        }
        target.SendSystemMessage(Terminate.Instance);
    }

    internal ChildEntry? FindChild(IInternalActorRef child)
    {
        lock (_childrenLock)
            return FindEntryLocked(child);
    }

    internal IReadOnlyList<ChildEntry> LiveChildEntries()
    {
        lock (_childrenLock)
            return _children is null ? [] : _children.Values.Where(c => !c.Stopping).ToArray();
    }

    private ChildEntry? FindEntryLocked(IInternalActorRef child) =>
        _children is not null && _children.TryGetValue(child.Path.Name, out var entry) && ReferenceEquals(entry.Ref, child) ? entry : null;

    private IReadOnlyList<LocalActorRef> LiveChildren() => LiveChildEntries().Select(c => c.Ref).ToArray();

    private void RemoveChild(IInternalActorRef child)
    {
        lock (_childrenLock)
            if (FindEntryLocked(child) is not null) _children!.Remove(child.Path.Name);
    }

    private bool HasChildren()
    {
        lock (_childrenLock)
            return _children is { Count: > 0 };
    }

    private bool HasChildrenBeingStopped()
    {
        lock (_childrenLock)
            return _children is not null && _children.Values.Any(c => c.Stopping);
    }

    /// <summary>Closes the container to new children and stops every child; false when there were none.</summary>
    private bool CloseAndStopChildren()
    {
        lock (_childrenLock) _childrenClosed = true;
        return StopChildren();
    }

    private bool StopChildren()
    {
        LocalActorRef[] stopping;
        lock (_childrenLock)
        {
            if (_children is null || _children.Count == 0) return false;
            foreach (var entry in _children.Values) entry.Stopping = true;
            stopping = _children.Values.Select(c => c.Ref).ToArray();
        }
        foreach (var child in stopping) child.SendSystemMessage(Terminate.Instance);
        return true;
    }

    private void SendToChildren(SystemMessage message)
    {
        LocalActorRef[] children;
        lock (_childrenLock)
        {
            if (_children is null || _children.Count == 0) return;
            children = _children.Values.Select(c => c.Ref).ToArray();
        }
        foreach (var child in children) child.SendSystemMessage(message);
    }

    /// <summary>The paths of every actor below this one, for diagnosing a shutdown that hangs.</summary>
    internal IEnumerable<string> DescendantPaths()
    {
        LocalActorRef[] children;
        lock (_childrenLock) children = _children is null ? [] : _children.Values.Select(c => c.Ref).ToArray();
        foreach (var child in children)
        {
            yield return child.Path.ToString();
            foreach (var path in child.Cell.DescendantPaths()) yield return path;
        }
    }
}
