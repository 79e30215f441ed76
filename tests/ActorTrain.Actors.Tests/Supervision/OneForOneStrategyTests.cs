using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Supervision;

public sealed class OneForOneStrategyTests() : TestKitBase(new ActorSystemOptions { TimeProvider = new ManualTimeProvider() })
{
    private readonly Stateful.Instances _instances = new();

    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    [Fact]
    public void Restart_resets_actor_state_and_calls_the_hooks_in_order()
    {
        var probe = CreateTestProbe();
        var parent = StartSupervisor(new OneForOneStrategy(_ => Directive.Restart), probe, "c");
        probe.ExpectMsg("c#1 ctor");
        probe.ExpectMsg("c#1 PreStart");
        Send(parent, "c", "inc", "inc", "get");
        probe.ExpectMsg("c#1 count 2");

        Send(parent, "c", "fail", "get");

        Assert.Equal(Directive.Restart, probe.ExpectMsg<ActorFailed>().Directive);
        probe.ExpectMsg("c#1 PreRestart InvalidOperationException fail");
        probe.ExpectMsg("c#1 PostStop");
        probe.ExpectMsg("c#2 ctor");
        probe.ExpectMsg("c#2 PostRestart InvalidOperationException");
        probe.ExpectMsg("c#2 PreStart");
        probe.ExpectMsg("c#2 count 0");
    }

    [Fact]
    public void Resume_keeps_actor_state_and_drops_only_the_failing_message()
    {
        var probe = CreateTestProbe();
        var parent = StartSupervisor(new OneForOneStrategy(_ => Directive.Resume), probe, "c");
        probe.ExpectMsg("c#1 ctor");
        probe.ExpectMsg("c#1 PreStart");

        Send(parent, "c", "inc", "fail", "inc", "get");

        Assert.Equal(Directive.Resume, probe.ExpectMsg<ActorFailed>().Directive);
        probe.ExpectMsg("c#1 count 2");
    }

    [Fact]
    public void Stop_stops_the_failing_child()
    {
        var probe = CreateTestProbe();
        var parent = StartSupervisor(new OneForOneStrategy(_ => Directive.Stop), probe, "c");
        probe.ExpectMsg("c#1 ctor");
        probe.ExpectMsg("c#1 PreStart");

        Send(parent, "c", "fail", "get");

        Assert.Equal(Directive.Stop, probe.ExpectMsg<ActorFailed>().Directive);
        probe.ExpectMsg("c#1 PostStop");
        Assert.Equal("c", probe.ExpectMsg<Terminated>().ActorRef.Path.Name);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void The_decider_chooses_by_exception_type()
    {
        var probe = CreateTestProbe();
        var strategy = new OneForOneStrategy(e => e is FormatException ? Directive.Resume : Directive.Restart);
        var parent = StartSupervisor(strategy, probe, "c");
        probe.ExpectMsg("c#1 ctor");
        probe.ExpectMsg("c#1 PreStart");

        Send(parent, "c", "inc", "crash", "get");

        Assert.Equal(Directive.Resume, probe.ExpectMsg<ActorFailed>().Directive);
        probe.ExpectMsg("c#1 count 1");
    }

    [Fact]
    public void Escalate_reaches_the_grandparent()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<ActorFailed>(probe);
        var parentProps = Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate),
            new Dictionary<string, Props> { ["c"] = Stateful.Props(probe, "c", _instances) }, probe, false));
        var grandparent = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Restart),
            new Dictionary<string, Props> { ["parent"] = parentProps }, probe, false)), "grandparent");
        probe.ExpectMsg("c#1 ctor");
        probe.ExpectMsg("c#1 PreStart");

        grandparent.Tell(("parent", (object)("c", (object)"fail")));

        var escalated = probe.ExpectMsg<ActorFailed>();
        Assert.Equal(("c", Directive.Escalate), (escalated.Actor.Path.Name, escalated.Directive));
        var decided = probe.FishForMessage<ActorFailed>(_ => true);
        Assert.Equal(("parent", Directive.Restart), (decided.Actor.Path.Name, decided.Directive));
        Assert.Same(escalated.Cause, decided.Cause);
        Assert.Null(decided.Message);
        // The grandparent's own OnChildFailure saw it too, and restarting the parent replaced the grandchild.
        Assert.Same(decided, probe.FishForMessage<ActorFailed>(_ => true));
        probe.FishForMessage<string>(s => s == "c#2 PreStart");
    }

    [Fact]
    public void The_retry_limit_stops_the_child_after_N_failures_in_the_window()
    {
        var probe = CreateTestProbe();
        var parent = StartSupervisor(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart), probe, "c");
        probe.FishForMessage<string>(s => s == "c#1 PreStart");

        for (var failure = 1; failure <= 2; failure++)
        {
            Send(parent, "c", "fail");
            Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(Directive.Restart, probe.FishForMessage<ActorFailed>(_ => true).Directive);
            probe.FishForMessage<string>(s => s == $"c#{failure + 1} PreStart");
        }
        Send(parent, "c", "fail");

        Assert.Equal(Directive.Stop, probe.FishForMessage<ActorFailed>(_ => true).Directive);
        probe.FishForMessage<Terminated>(_ => true);
    }

    [Fact]
    public void Failures_further_apart_than_the_window_do_not_reach_the_limit()
    {
        var probe = CreateTestProbe();
        var parent = StartSupervisor(new OneForOneStrategy(1, TimeSpan.FromMinutes(1), _ => Directive.Restart), probe, "c");
        probe.FishForMessage<string>(s => s == "c#1 PreStart");

        for (var failure = 1; failure <= 3; failure++)
        {
            Send(parent, "c", "fail");
            Assert.Equal(Directive.Restart, probe.FishForMessage<ActorFailed>(_ => true).Directive);
            probe.FishForMessage<string>(s => s == $"c#{failure + 1} PreStart");
            Clock.Advance(TimeSpan.FromMinutes(2));
        }
    }

    [Fact]
    public void The_failing_message_is_reported_and_not_retried_unless_the_supervisor_redrives_it()
    {
        var probe = CreateTestProbe();
        var flaky = new FlakyOnce();
        var children = new Dictionary<string, Props> { ["c"] = Props.Create(() => new FlakyWorker(probe, flaky)) };
        var plain = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Restart), children, probe, false)), "plain");

        plain.Tell(("c", (object)"job"));

        Assert.Equal("job", probe.ExpectMsg<ActorFailed>().Message);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        var flakyAgain = new FlakyOnce();
        var redrivenChildren = new Dictionary<string, Props> { ["c"] = Props.Create(() => new FlakyWorker(probe, flakyAgain)) };
        var redriving = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Restart), redrivenChildren, probe, true)), "redriving");

        redriving.Tell(("c", (object)"job"));

        Assert.Equal("job", probe.ExpectMsg<ActorFailed>().Message);
        probe.ExpectMsg("done job");
    }

    [Fact]
    public void An_actor_that_throws_in_PreStart_is_restarted_when_its_supervisor_says_so()
    {
        var probe = CreateTestProbe();
        var flaky = new FlakyOnce();
        var children = new Dictionary<string, Props> { ["c"] = Props.Create(() => new FailsFirstStart(probe, flaky)) };

        Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Restart), children, probe, false)));

        var failure = probe.ExpectMsg<ActorFailed>();
        Assert.IsType<ActorInitializationException>(failure.Cause);
        Assert.Equal(Directive.Restart, failure.Directive);
        probe.ExpectMsg("started");
    }

    private IActorRef StartSupervisor(SupervisorStrategy strategy, TestProbe probe, string child) =>
        Sys.ActorOf(Props.Create(() => new Supervisor(strategy,
            new Dictionary<string, Props> { [child] = Stateful.Props(probe, child, _instances) }, probe, false)), "parent");

    private static void Send(IActorRef parent, string child, params string[] messages)
    {
        foreach (var message in messages) parent.Tell((child, (object)message));
    }

    private sealed class FlakyOnce
    {
        private int _calls;

        public bool FirstCall() => Interlocked.Increment(ref _calls) == 1;
    }

    private sealed class FlakyWorker : ReceiveActor
    {
        public FlakyWorker(IActorRef probe, FlakyOnce flaky) =>
            Receive<string>(s =>
            {
                if (flaky.FirstCall()) throw new InvalidOperationException("first try fails");
                probe.Tell($"done {s}");
            });
    }

    private sealed class FailsFirstStart : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly FlakyOnce _flaky;

        public FailsFirstStart(IActorRef probe, FlakyOnce flaky) => (_probe, _flaky) = (probe, flaky);

        protected override void PreStart()
        {
            if (_flaky.FirstCall()) throw new InvalidOperationException("not yet");
            _probe.Tell("started");
        }
    }
}
