using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Supervision;

public sealed class BackoffSupervisorTests() : TestKitBase(new ActorSystemOptions { TimeProvider = new ManualTimeProvider() })
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    [Fact]
    public void Restart_delays_grow_as_configured_on_the_fake_clock()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<BackoffRestartScheduled>(probe);
        var options = BackoffOptions.OnFailure(Props.Create(() => new Child(probe)), "child", Min, Max, randomFactor: 0);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options), "backoff");
        probe.ExpectMsg("started");

        foreach (var expectedSeconds in new[] { 1, 2, 4, 5, 5 })
        {
            supervisor.Tell("fail");
            var scheduled = probe.ExpectMsg<BackoffRestartScheduled>();
            Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), scheduled.Delay);

            Clock.Advance(scheduled.Delay - TimeSpan.FromMilliseconds(1));
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
            Clock.Advance(TimeSpan.FromMilliseconds(1));
            probe.ExpectMsg("started");
        }
    }

    [Fact]
    public void Jittered_delays_are_replayed_by_the_same_seed()
    {
        var first = RunDelays(seed: 42, "first");
        var second = RunDelays(seed: 42, "second");

        Assert.Equal(first, second);
        Assert.All(first.Zip(new[] { 1.0, 2.0, 4.0 }), p => Assert.InRange(p.First.TotalSeconds, p.Second, p.Second * 1.2));
    }

    [Fact]
    public void The_supervisor_forwards_messages_and_answers_questions_about_its_child()
    {
        var probe = CreateTestProbe();
        var options = BackoffOptions.OnFailure(Props.Create(() => new Child(probe)), "child", Min, Max, 0);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));
        probe.ExpectMsg("started");

        supervisor.Tell("echo", probe);
        probe.ExpectMsg("echo");
        probe.Send(supervisor, GetCurrentChild.Instance);

        Assert.Equal("child", probe.ExpectMsg<CurrentChild>().Ref!.Path.Name);
    }

    [Fact]
    public void The_supervisor_gives_up_after_the_maximum_number_of_restarts()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<BackoffRestartScheduled>(probe);
        var options = BackoffOptions.OnFailure(Props.Create(() => new Child(probe)), "child", Min, Max, 0) with { MaxNrOfRetries = 1 };
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));
        probe.Watch(supervisor);
        probe.ExpectMsg("started");
        supervisor.Tell("fail");
        probe.ExpectMsg<BackoffRestartScheduled>();
        Clock.Advance(Min);
        probe.ExpectMsg("started");

        supervisor.Tell("fail");

        probe.ExpectTerminated(supervisor);
    }

    [Fact]
    public void On_stop_the_child_is_restarted_even_when_it_stops_on_its_own()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<BackoffRestartScheduled>(probe);
        var options = BackoffOptions.OnStop(Props.Create(() => new Child(probe)), "child", Min, Max, 0);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));
        probe.ExpectMsg("started");

        supervisor.Tell("stop");

        Assert.Equal(Min, probe.ExpectMsg<BackoffRestartScheduled>().Delay);
        Clock.Advance(Min);
        probe.ExpectMsg("started");
    }

    private List<TimeSpan> RunDelays(int seed, string name)
    {
        var probe = CreateTestProbe();
        using var subscription = Sys.EventStream.Subscribe<BackoffRestartScheduled>(e => probe.Tell(e));
        var options = BackoffOptions.OnFailure(Props.Create(() => new Child(probe)), "child", Min, Max, 0.2) with { Seed = seed };
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options), name);
        probe.ExpectMsg("started");
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            supervisor.Tell("fail");
            delays.Add(probe.ExpectMsg<BackoffRestartScheduled>(e => e.Supervisor.Equals(supervisor)).Delay);
            Clock.Advance(delays[^1]);
            probe.ExpectMsg("started");
        }
        return delays;
    }

    private sealed class Child : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Child(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("child failure"));
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            Receive<string>(s => Sender.Tell(s));
        }

        protected override void PreStart() => _probe.Tell("started");
    }
}
