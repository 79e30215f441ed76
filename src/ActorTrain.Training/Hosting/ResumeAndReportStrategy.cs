using ActorTrain.Training.Hosting.Messages;
using Akka.Actor;

namespace ActorTrain.Training.Hosting;

/// <summary>
/// The strategy of a root that recovers from stage faults: a child that throws is resumed, keeping its parameters and
/// snapshots (an Akka restart would build it afresh from its props and lose both), and the root is told with
/// <see cref="ChildFaulted"/>, so it can roll every stage back. A child that failed to start cannot be resumed: it is
/// stopped, and the root's <see cref="Terminated"/> handler fails the run with the cause remembered here.
/// </summary>
internal sealed class ResumeAndReportStrategy(IActorRef root) : OneForOneStrategy(Decide, loggingEnabled: false)
{
    private readonly Dictionary<IActorRef, Exception> _stopped = new();

    public Exception? CauseOf(IActorRef child) => _stopped.GetValueOrDefault(child);

    // The one hook Akka calls for every directive with the child at hand (ProcessFailure sees only restarts and stops).
    // It runs on the root's thread, while the root handles the child's failure.
    protected override Directive Handle(IActorRef child, Exception exception)
    {
        var directive = Decide(exception);
        if (directive == Directive.Resume) root.Tell(new ChildFaulted(child, exception), child);
        else _stopped.TryAdd(child, exception);
        return directive;
    }

    private static Directive Decide(Exception cause) =>
        cause is ActorInitializationException or ActorKilledException or DeathPactException ? Directive.Stop : Directive.Resume;
}
