using Akka.Actor;
using Akka.Actor.Internal;

namespace ActorTrain.Training.Hosting;

/// <summary>
/// A run's children are never restarted by Akka here: a failed stage holds half a step, so the run root decides (fail
/// the run now; roll back in the fault-injection work). The strategy stops the child and remembers why, so the root's
/// <see cref="Terminated"/> handler can report the real cause rather than "stopped". Akka's own failure log is off: the
/// root logs the failure once, naming the stage.
/// </summary>
internal sealed class StopAndRememberStrategy() : OneForOneStrategy(_ => Directive.Stop, loggingEnabled: false)
{
    private readonly Dictionary<IActorRef, Exception> _causes = new();

    public Exception? CauseOf(IActorRef child) => _causes.GetValueOrDefault(child);

    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        _causes.TryAdd(child, cause);
        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
