using ActorTrain.Actors;

namespace ActorTrain.Actors.Tests.Supervision;

/// <summary>
/// A test child with a counter: "inc" adds one, "get" replies with the count, "fail" throws. Every instance gets the
/// next number from <see cref="Instances"/> and reports its lifecycle hooks with it, so tests see which instance ran what.
/// </summary>
internal sealed class Stateful : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;
    private readonly int _instance;
    private int _count;

    public Stateful(IActorRef probe, string name, Instances instances)
    {
        (_probe, _name, _instance) = (probe, name, instances.Next());
        _probe.Tell($"{_name}#{_instance} ctor");
        Receive<string>(s => s == "inc", _ => _count++);
        Receive<string>(s => s == "get", _ => _probe.Tell($"{_name}#{_instance} count {_count}"));
        Receive<string>(s => s == "fail", s => throw new InvalidOperationException($"{_name} told to {s}"));
        Receive<string>(s => s == "crash", _ => throw new FormatException("unexpected crash"));
    }

    protected override void PreStart() => _probe.Tell($"{_name}#{_instance} PreStart");

    protected override void PostStop() => _probe.Tell($"{_name}#{_instance} PostStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"{_name}#{_instance} PreRestart {reason.GetType().Name} {message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"{_name}#{_instance} PostRestart {reason.GetType().Name}");
        base.PostRestart(reason);
    }

    public static Props Props(IActorRef probe, string name, Instances instances) =>
        ActorTrain.Actors.Props.Create(() => new Stateful(probe, name, instances));

    /// <summary>Numbers instances across restarts.</summary>
    internal sealed class Instances
    {
        private int _last;

        public int Next() => Interlocked.Increment(ref _last);
    }
}
