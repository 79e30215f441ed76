namespace ActorTrain.Actors;

internal sealed class SyncHandler<T>(Predicate<T>? shouldHandle, Action<T> handler) : MessageHandler
{
    private readonly Action<T> _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        _handler(typed);
        return true;
    }
}
