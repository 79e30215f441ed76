namespace ActorTrain.Actors;

/// <summary>
/// A one-shot temporary ref: the first message it receives completes its task. Used as the reply address of an
/// Ask, and as the watcher of a graceful stop (a death notification completes it with <see cref="Terminated"/>).
/// </summary>
internal sealed class PromiseActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    private readonly TaskCompletionSource<object> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActorPath Path { get; } = path;

    public ActorSystem System { get; } = system;

    public bool IsTerminated => _result.Task.IsCompleted;

    public Task<object> Result => _result.Task;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_result.TrySetResult(message)) System.PublishDeadLetter(message, ActorCell.ResolveSender(sender), this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification notification) _result.TrySetResult(new Terminated(notification.Actor));
    }

    public bool TryFail(Exception error) => _result.TrySetException(error);

    public override string ToString() => Path.ToString();
}
