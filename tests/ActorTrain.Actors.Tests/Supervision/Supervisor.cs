using ActorTrain.Actors;

namespace ActorTrain.Actors.Tests.Supervision;

/// <summary>
/// A test parent: creates the named children in PreStart, supervises them with the given strategy, forwards
/// <c>(childName, message)</c> pairs, reports every decision to the probe, and re-drives the failing message when asked to.
/// </summary>
internal sealed class Supervisor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;
    private readonly IReadOnlyDictionary<string, Props> _children;
    private readonly IActorRef _probe;
    private readonly bool _redrive;

    public Supervisor(SupervisorStrategy strategy, IReadOnlyDictionary<string, Props> children, IActorRef probe, bool redrive = false)
    {
        (_strategy, _children, _probe, _redrive) = (strategy, children, probe, redrive);
        Receive<(string Child, object Message)>(m => Context.Child(m.Child)?.Forward(m.Message));
        Receive<Terminated>(t => _probe.Tell(t));
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    protected override void PreStart()
    {
        foreach (var (name, props) in _children) Context.Watch(Context.ActorOf(props, name));
    }

    protected override void OnChildFailure(ActorFailed failure)
    {
        _probe.Tell(failure);
        if (_redrive && failure.Message is not null) failure.Actor.Tell(failure.Message, Self);
    }
}
