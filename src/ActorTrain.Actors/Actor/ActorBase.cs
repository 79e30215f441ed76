using Serilog;

namespace ActorTrain.Actors;

/// <summary>
/// The base of every actor; derive from <see cref="ReceiveActor"/> or <see cref="UntypedActor"/>. An actor
/// processes one message at a time, so its fields need no locks. Create it only through <see cref="Props"/>.
/// </summary>
public abstract class ActorBase
{
    private protected ActorBase()
    {
        Cell = ActorCell.TakeConstructing()
            ?? throw new InvalidOperationException($"{GetType().Name} must be created by the runtime: use ActorOf(Props.Create(() => new {GetType().Name}(...))).");
    }

    internal ActorCell Cell { get; }

    protected IActorRef Self => Cell.Self;

    /// <summary>The sender of the current message; <see cref="ActorSystem.DeadLetters"/> when there is none.</summary>
    protected IActorRef Sender => Cell.Sender;

    protected IActorContext Context => Cell;

    protected ILogger Log => Cell.Log;

    internal abstract Behavior InitialBehavior { get; }

    /// <summary>Runs before the first message, on the actor's thread.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs after the actor and all its children have stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before it is replaced. By default stops every child and calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart. By default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; null means <see cref="SupervisorStrategy.Default"/>.</summary>
    protected virtual SupervisorStrategy? SupervisorStrategy() => null;

    /// <summary>
    /// Called once this actor's supervisor strategy has decided about a failed child (except on Escalate), before the
    /// decision reaches the child. The failing message is not retried by the runtime; re-send
    /// <see cref="ActorFailed.Message"/> here to re-drive it (it joins the back of the child's queue).
    /// </summary>
    protected virtual void OnChildFailure(ActorFailed failure)
    {
    }

    /// <summary>Called for messages no handler took: publishes <see cref="UnhandledMessage"/> (an unhandled <see cref="Terminated"/> fails the actor).</summary>
    protected virtual void Unhandled(object message) => Cell.Unhandled(message);

    /// <summary>
    /// Runs <paramref name="action"/> and holds every further message, system ones included, until its task
    /// completes; a faulted task fails the actor like a throwing handler.
    /// </summary>
    protected void RunTask(Func<Task> action) => Cell.RunTask(static f => f(), action);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy? InvokeSupervisorStrategy() => SupervisorStrategy();

    internal void InvokeOnChildFailure(ActorFailed failure) => OnChildFailure(failure);

    internal void InvokeUnhandled(object message) => Unhandled(message);
}
