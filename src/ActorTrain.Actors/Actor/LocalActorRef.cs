namespace ActorTrain.Actors;

/// <summary>The ref of an actor in this process. Sending goes straight to the mailbox unless a message interceptor is installed.</summary>
internal sealed class LocalActorRef : IInternalActorRef
{
    private readonly IMessageInterceptor? _interceptor;
    private readonly Lock _heldLock = new();
    private List<Envelope>? _held;

    public LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
        _interceptor = cell.System.MessageInterceptor;
    }

    public ActorCell Cell { get; }

    public ActorPath Path { get; }

    public ActorSystem System => Cell.System;

    public bool IsTerminated => Cell.Mailbox.IsClosed;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        sender = ActorCell.ResolveSender(sender);
        if (_interceptor is null) Cell.Mailbox.Post(message, sender);
        else Interception.Route(this, _interceptor, message, sender);
    }

    public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        sender = ActorCell.ResolveSender(sender);
        return _interceptor is null
            ? Cell.Mailbox.PostAsync(message, sender, cancellationToken)
            : Interception.RouteAsync(this, _interceptor, message, sender, cancellationToken);
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    /// <summary>Keeps a message back (the interceptor's Hold) until the next message to this actor is delivered.</summary>
    internal void Hold(object message, IActorRef? sender)
    {
        lock (_heldLock) (_held ??= new()).Add(new Envelope(message, sender));
        if (IsTerminated) ReleaseHeld();
    }

    /// <summary>Posts held messages behind the one just delivered, which is what reorders them.</summary>
    internal void ReleaseHeld()
    {
        List<Envelope>? held;
        lock (_heldLock)
        {
            held = _held;
            _held = null;
        }
        if (held is null) return;
        foreach (var envelope in held) Cell.Mailbox.Post(envelope.Message, envelope.Sender);
    }

    public override string ToString() => Path.ToString();
}
