using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Actor;

public sealed class DeathWatchTests : TestKitBase
{
    [Fact]
    public void A_watcher_receives_Terminated_exactly_once()
    {
        var probe = CreateTestProbe();
        var subject = Sys.ActorOf(Props.Create(() => new Idle()), "subject");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)), "watcher");

        watcher.Tell(subject);
        watcher.Tell(subject); // watching twice is still one watch
        probe.ExpectMsg("watching");
        probe.ExpectMsg("watching");
        Sys.Stop(subject);

        Assert.Same(subject, probe.ExpectMsg<Terminated>().ActorRef);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watching_an_already_dead_actor_delivers_Terminated()
    {
        var probe = CreateTestProbe();
        var subject = Sys.ActorOf(Props.Create(() => new Idle()), "subject");
        probe.Watch(subject);
        Sys.Stop(subject);
        probe.ExpectTerminated(subject);
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)), "late-watcher");

        watcher.Tell(subject);

        probe.ExpectMsg("watching");
        Assert.Same(subject, probe.ExpectMsg<Terminated>().ActorRef);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unwatch_cancels_the_Terminated()
    {
        var probe = CreateTestProbe();
        var subject = Sys.ActorOf(Props.Create(() => new Idle()), "subject");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)), "watcher");
        watcher.Tell(subject);
        probe.ExpectMsg("watching");

        watcher.Tell(("unwatch", subject));
        probe.ExpectMsg("unwatched");
        Sys.Stop(subject);

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_watcher_that_does_not_handle_Terminated_fails_with_a_death_pact()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<ActorFailed>(probe);
        var subject = Sys.ActorOf(Props.Create(() => new Idle()), "subject");
        var watcher = Sys.ActorOf(Props.Create(() => new CarelessWatcher(subject)), "careless");
        probe.Watch(watcher);

        Sys.Stop(subject);

        var failure = probe.ExpectMsg<ActorFailed>();
        Assert.IsType<DeathPactException>(failure.Cause);
        Assert.Equal(Directive.Stop, failure.Directive);
        probe.ExpectTerminated(watcher);
    }

    [Fact]
    public void A_probe_can_be_watched_and_stopped()
    {
        var watcherProbe = CreateTestProbe();
        var subject = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(watcherProbe)));
        watcher.Tell(subject);
        watcherProbe.ExpectMsg("watching");

        Sys.Stop(subject);

        Assert.Same(subject, watcherProbe.ExpectMsg<Terminated>().ActorRef);
    }

    private sealed class Idle : ReceiveActor;

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<IActorRef>(subject =>
            {
                Context.Watch(subject);
                probe.Tell("watching");
            });
            Receive<(string, IActorRef)>(m =>
            {
                Context.Unwatch(m.Item2);
                probe.Tell("unwatched");
            });
            Receive<Terminated>(t => probe.Tell(t));
        }
    }

    private sealed class CarelessWatcher : ReceiveActor
    {
        private readonly IActorRef _subject;

        public CarelessWatcher(IActorRef subject) => _subject = subject;

        protected override void PreStart() => Context.Watch(_subject);
    }
}
