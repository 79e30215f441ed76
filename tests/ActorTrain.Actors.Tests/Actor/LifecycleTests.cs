using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Actor;

public sealed class LifecycleTests : TestKitBase
{
    [Fact]
    public void PoisonPill_stops_the_actor_after_the_messages_queued_before_it()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(probe, "r")));
        probe.Watch(actor);

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(PoisonPill.Instance);
        actor.Tell(3);

        probe.ExpectMsg("r start");
        probe.ExpectMsg("r 1");
        probe.ExpectMsg("r 2");
        probe.ExpectMsg("r stop");
        probe.ExpectTerminated(actor);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Kill_fails_the_actor_and_the_default_strategy_stops_it()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(probe, "r")));
        probe.Watch(actor);
        probe.ExpectMsg("r start");

        actor.Tell(Kill.Instance);

        probe.ExpectMsg("r stop");
        probe.ExpectTerminated(actor);
    }

    [Fact]
    public void Stopping_a_parent_stops_its_children_first()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Recorder(probe, "parent", children: 2)), "parent");
        probe.ExpectMsg("parent start");
        var started = new[] { probe.ExpectMsg<string>(), probe.ExpectMsg<string>() };
        Assert.Equal(["child0 start", "child1 start"], started.Order());

        Sys.Stop(parent);

        var stops = new[] { probe.ExpectMsg<string>(), probe.ExpectMsg<string>() };
        Assert.Equal(["child0 stop", "child1 stop"], stops.Order());
        probe.ExpectMsg("parent stop");
    }

    [Fact]
    public async Task GracefulStop_returns_true_once_the_actor_has_stopped()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(probe, "r")));
        actor.Tell(1);

        Assert.True(await Sys.GracefulStop(actor, TimeSpan.FromSeconds(5)));

        probe.ExpectMsg("r start");
        probe.ExpectMsg("r 1");
        probe.ExpectMsg("r stop");
        Assert.True(await Sys.GracefulStop(actor, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task GracefulStop_returns_false_when_the_actor_does_not_stop_in_time()
    {
        var clock = new ManualTimeProvider();
        using var system = ActorSystem.Create("graceful", new ActorSystemOptions { TimeProvider = clock, ShutdownTimeout = TimeSpan.FromSeconds(5) });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(Props.Create(() => new Blocker(gate.Task)));
        actor.Tell("block");

        var stop = system.GracefulStop(actor, TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await stop.WaitAsync(TimeSpan.FromSeconds(5)));
        gate.SetResult();
    }

    [Fact]
    public void An_actor_that_throws_in_PreStart_is_stopped_by_its_supervisor_by_default()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<ActorFailed>(probe);
        var actor = Sys.ActorOf(Props.Create(() => new ThrowsInPreStart()), "broken");
        probe.Watch(actor);

        var failure = probe.FishForMessage<ActorFailed>(_ => true);
        Assert.IsType<ActorInitializationException>(failure.Cause);
        Assert.Equal(Directive.Stop, failure.Directive);
        Assert.Null(failure.Message);
        probe.ExpectTerminated(actor);
    }

    [Fact]
    public async Task Disposing_the_system_stops_every_actor_and_returns()
    {
        var system = ActorSystem.Create("disposed");
        var probe = new TestProbe(system);
        foreach (var i in Enumerable.Range(0, 3))
        {
            var props = Props.Create(() => new Recorder(probe, $"top{i}", children: 2));
            system.ActorOf(i == 0 ? props.WithDispatcher(Dispatchers.Pinned) : props);
        }
        for (var i = 0; i < 9; i++) probe.ExpectMsg<string>(s => s.EndsWith(" start"));
        var pinned = system.ActorOf(Props.Create(() => new ThreadReporter(probe)).WithDispatcher(Dispatchers.Pinned));
        var pinnedThread = probe.ExpectMsg<Thread>();

        var disposal = Task.Run(system.Dispose);

        await disposal.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        var stops = Enumerable.Range(0, 9).Select(_ => probe.ExpectMsg<string>(s => s.EndsWith(" stop"))).ToList();
        Assert.Equal(9, stops.Distinct().Count());
        Assert.True(pinnedThread.Join(TimeSpan.FromSeconds(5)), "the pinned thread did not end");
        Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create(() => new ThreadReporter(probe))));
        Assert.True(pinned.AsInternal().IsTerminated);
    }

    [Fact]
    public async Task Disposing_returns_even_when_an_actor_never_finishes_its_message()
    {
        var system = ActorSystem.Create("stuck", new ActorSystemOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(200) });
        var probe = new TestProbe(system);
        var never = new TaskCompletionSource();
        var actor = system.ActorOf(Props.Create(() => new Blocker(never.Task, probe)), "stuck");
        actor.Tell("block");
        probe.ExpectMsg("blocked");

        var disposal = Task.Run(system.Dispose);

        await disposal.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(system.WhenTerminated.IsCompleted);
        never.SetResult();
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private sealed class Recorder : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly string _name;
        private readonly int _children;

        public Recorder(IActorRef probe, string name, int children = 0)
        {
            (_probe, _name, _children) = (probe, name, children);
            Receive<int>(i => probe.Tell($"{name} {i}"));
        }

        protected override void PreStart()
        {
            _probe.Tell($"{_name} start");
            for (var i = 0; i < _children; i++)
            {
                var childName = _name.StartsWith("top") ? $"{_name}-child{i}" : $"child{i}";
                Context.ActorOf(Props.Create(() => new Recorder(_probe, childName)), childName);
            }
        }

        protected override void PostStop() => _probe.Tell($"{_name} stop");
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(Task gate, IActorRef? probe = null) =>
            ReceiveAsync<string>(_ =>
            {
                probe?.Tell("blocked");
                return gate;
            });
    }

    private sealed class ThrowsInPreStart : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("cannot start");
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        private readonly IActorRef _probe;

        public ThreadReporter(IActorRef probe) => _probe = probe;

        protected override void PreStart() => _probe.Tell(Thread.CurrentThread);
    }
}
