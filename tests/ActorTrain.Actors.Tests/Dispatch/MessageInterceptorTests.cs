using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Dispatch;

public sealed class MessageInterceptorTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ScriptedInterceptor _interceptor = new();
    private readonly ActorSystem _system;
    private readonly TestProbe _probe;
    private readonly IActorRef _relay;

    public MessageInterceptorTests()
    {
        _system = ActorSystem.Create("intercepted", new ActorSystemOptions { TimeProvider = _clock, MessageInterceptor = _interceptor });
        _probe = new TestProbe(_system);
        var probe = _probe;
        _relay = _system.ActorOf(Props.Create(() => new Relay(probe)), "relay");
    }

    [Fact]
    public void A_dropped_message_is_never_delivered()
    {
        _interceptor.Plan["b"] = InterceptDecision.Drop;

        Send("a", "b", "c");

        Expect("a", "c");
    }

    [Fact]
    public void A_duplicated_message_is_delivered_the_requested_number_of_times()
    {
        _interceptor.Plan["b"] = InterceptDecision.Duplicate(3);

        Send("a", "b", "c");

        Expect("a", "b", "b", "b", "c");
    }

    [Fact]
    public void A_held_message_is_delivered_after_the_next_one()
    {
        _interceptor.Plan["a"] = InterceptDecision.Hold;

        Send("a", "b", "c");

        Expect("b", "a", "c");
    }

    [Fact]
    public void A_delayed_message_waits_for_the_clock()
    {
        _interceptor.Plan["a"] = InterceptDecision.DelayBy(TimeSpan.FromSeconds(5));

        Send("a", "b");
        Expect("b");
        _clock.Advance(TimeSpan.FromSeconds(4));
        _probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Expect("a");
    }

    [Fact]
    public void System_messages_are_not_intercepted()
    {
        _interceptor.DropEverything = true;
        _probe.Watch(_relay);

        _system.Stop(_relay);

        _probe.ExpectTerminated(_relay);
    }

    public void Dispose() => _system.Dispose();

    private void Send(params string[] messages)
    {
        foreach (var message in messages) _relay.Tell(message);
    }

    private void Expect(params string[] messages)
    {
        foreach (var message in messages) _probe.ExpectMsg(message);
    }

    private sealed class ScriptedInterceptor : IMessageInterceptor
    {
        public Dictionary<object, InterceptDecision> Plan { get; } = new();

        public bool DropEverything { get; set; }

        public InterceptDecision Intercept(IActorRef recipient, object message, IActorRef? sender)
        {
            if (recipient is TestProbe) return InterceptDecision.Deliver;
            if (DropEverything) return InterceptDecision.Drop;
            return Plan.TryGetValue(message, out var decision) ? decision : InterceptDecision.Deliver;
        }
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef probe) => ReceiveAny(m => probe.Tell(m));
    }
}
