namespace ActorTrain.Actors;

internal sealed partial class Mailbox
{
    /// <summary>Free places in a bounded mailbox; null when unbounded, so the unbounded path pays one null check.</summary>
    private readonly SemaphoreSlim? _room;

    /// <summary>Places taken over the bound by an actor posting to itself (waiting would deadlock it); they are not returned.</summary>
    private int _overdraft;

    /// <summary>Waits for a place; false when the mailbox closed meanwhile.</summary>
    private bool TakeRoom()
    {
        var room = _room!;
        if (room.Wait(0)) return !ReleaseIfClosed();
        if (ActorCell.IsRunningTurnOf(_cell))
        {
            Interlocked.Increment(ref _overdraft);
            return !_closed;
        }
        room.Wait();
        return !ReleaseIfClosed();
    }

    private bool ReleaseIfClosed()
    {
        if (!_closed) return false;
        _room!.Release();
        return true;
    }

    private void ReturnRoom()
    {
        if (_room is null) return;
        var overdraft = Volatile.Read(ref _overdraft);
        while (overdraft > 0)
        {
            var seen = Interlocked.CompareExchange(ref _overdraft, overdraft - 1, overdraft);
            if (seen == overdraft) return;
            overdraft = seen;
        }
        _room.Release();
    }

    /// <summary>Queues a user message, waiting asynchronously while a bounded mailbox is full.</summary>
    public ValueTask PostAsync(object message, IActorRef? sender, CancellationToken cancellationToken)
    {
        if (_room is null || ActorCell.IsRunningTurnOf(_cell))
        {
            Post(message, sender);
            return default;
        }
        if (_room.Wait(0))
        {
            EnqueueAfterRoom(message, sender);
            return default;
        }
        return WaitThenPostAsync(message, sender, cancellationToken);
    }

    private async ValueTask WaitThenPostAsync(object message, IActorRef? sender, CancellationToken cancellationToken)
    {
        await _room!.WaitAsync(cancellationToken).ConfigureAwait(false);
        EnqueueAfterRoom(message, sender);
    }

    private void EnqueueAfterRoom(object message, IActorRef? sender)
    {
        if (ReleaseIfClosed()) _cell.System.PublishDeadLetter(message, sender, _cell.Self);
        else Enqueue(message, sender);
    }
}
