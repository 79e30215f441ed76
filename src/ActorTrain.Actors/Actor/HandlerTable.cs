namespace ActorTrain.Actors;

/// <summary>A <see cref="ReceiveActor"/>'s handlers for one behavior, tried in order.</summary>
internal sealed class HandlerTable
{
    private MessageHandler[] _handlers = [];

    public HandlerTable() => Behavior = Handle;

    /// <summary>Cached so that Become and the invoke path never allocate a delegate per message.</summary>
    public Behavior Behavior { get; }

    public void Add(MessageHandler handler) => _handlers = [.. _handlers, handler];

    private bool Handle(object message)
    {
        foreach (var handler in _handlers)
            if (handler.TryHandle(message))
                return true;
        return false;
    }
}
