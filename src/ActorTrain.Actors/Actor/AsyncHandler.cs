namespace ActorTrain.Actors;

internal sealed class AsyncHandler<T>(ActorCell cell, Predicate<T>? shouldHandle, Func<T, Task> handler) : MessageHandler
{
    private readonly Func<T, Task> _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        cell.RunTask(_handler, typed);
        return true;
    }
}
