using System.Runtime.ExceptionServices;

namespace ActorTrain.Actors;

/// <summary>Request/response, forwarding and back-pressured sends on any <see cref="IActorRef"/>.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply address and returns the first reply. Fails with
    /// <see cref="AskTimeoutException"/> (naming the recipient) when none comes within <paramref name="timeout"/> on
    /// the system's clock, with the cause of a <see cref="Status.Failure"/> reply, and with
    /// <see cref="InvalidCastException"/> when the reply is not a <typeparamref name="T"/>.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef recipient, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "must be positive");
        var target = recipient.AsInternal();
        var system = target.System;
        if (target.IsTerminated)
            throw new AskTimeoutException(recipient.Path, timeout, $"Ask to {recipient.Path} failed: the actor has already stopped.");

        var promise = new PromiseActorRef(system, system.NextTempPath("ask"));
        using var timer = timeout == Timeout.InfiniteTimeSpan
            ? null
            : system.TimeProvider.CreateTimer(static state =>
            {
                var (p, path, t) = ((PromiseActorRef, ActorPath, TimeSpan))state!;
                p.TryFail(new AskTimeoutException(path, t, $"Ask to {path} timed out after {t.TotalMilliseconds:0.###} ms."));
            }, (promise, recipient.Path, timeout), timeout, Timeout.InfiniteTimeSpan);
        await using var cancellation = cancellationToken.Register(static p => ((PromiseActorRef)p!).TryFail(new OperationCanceledException()), promise);

        recipient.Tell(message, promise);
        var reply = await promise.Result.ConfigureAwait(false);
        switch (reply)
        {
            case T typed:
                return typed;
            case Status.Failure failure:
                ExceptionDispatchInfo.Throw(failure.Cause);
                throw failure.Cause; // not reached; keeps the compiler's flow analysis content
            default:
                throw new InvalidCastException($"Ask to {recipient.Path} expected a {typeof(T).Name} reply but got {reply.GetType().Name}.");
        }
    }

    /// <summary>Sends on behalf of the current message's sender, so the reply goes to the original asker. Only inside an actor.</summary>
    public static void Forward(this IActorRef recipient, object message)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var sender = ActorCell.CurrentSenderOrNull ?? ActorRefs.NoSender;
        recipient.Tell(message, sender);
    }

    /// <summary>
    /// Sends with back-pressure: on a full bounded mailbox the returned task completes once there is room (or the
    /// actor stopped, and the message became a dead letter). On an unbounded mailbox it completes at once. A
    /// sender keeps its order only if it awaits each send before the next.
    /// </summary>
    public static ValueTask TellAsync(this IActorRef recipient, object message, IActorRef? sender = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (recipient is LocalActorRef local) return local.TellAsync(message, sender, cancellationToken);
        recipient.Tell(message, sender);
        return default;
    }
}
