namespace ActorTrain.Actors;

/// <summary>
/// An actor whose handlers are registered by message type in its constructor (or in <see cref="Become"/>).
/// Handlers are tried in registration order; the first whose type (and predicate) matches takes the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerTable _initial;
    private HandlerTable _building;

    protected ReceiveActor()
    {
        _initial = new HandlerTable();
        _building = _initial;
    }

    internal override Behavior InitialBehavior => _initial.Behavior;

    protected void Receive<T>(Action<T> handler) => _building.Add(new SyncHandler<T>(null, handler));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        _building.Add(new SyncHandler<T>(shouldHandle, handler));
    }

    /// <summary>
    /// An asynchronous handler: until its task completes the actor processes nothing else (system messages
    /// included), so its state stays single-threaded across awaits. A faulted task fails the actor.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler) => _building.Add(new AsyncHandler<T>(Cell, null, handler));

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        _building.Add(new AsyncHandler<T>(Cell, shouldHandle, handler));
    }

    /// <summary>Takes every message no earlier handler took.</summary>
    protected void ReceiveAny(Action<object> handler) => _building.Add(new SyncHandler<object>(null, handler));

    protected void ReceiveAnyAsync(Func<object, Task> handler) => _building.Add(new AsyncHandler<object>(Cell, null, handler));

    /// <summary>Replaces the behavior with the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Like <see cref="Become"/>, but <see cref="UnbecomeStacked"/> returns to the current handlers.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    protected void UnbecomeStacked() => Context.Unbecome();

    private Behavior Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var table = new HandlerTable();
        var previous = _building;
        _building = table;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }
        return table.Behavior;
    }
}
