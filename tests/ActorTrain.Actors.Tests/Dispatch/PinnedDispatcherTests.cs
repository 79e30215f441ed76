using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Dispatch;

public sealed class PinnedDispatcherTests : TestKitBase
{
    [Fact]
    public void A_pinned_actor_runs_every_message_on_one_dedicated_thread()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(Dispatchers.Pinned), "pinned");

        for (var i = 0; i < 50; i++) actor.Tell("which", probe);

        var threads = Enumerable.Range(0, 50).Select(_ => probe.ExpectMsg<Thread>()).Distinct().ToList();
        var thread = Assert.Single(threads);
        Assert.False(thread.IsThreadPoolThread);
        Assert.Contains("/user/pinned", thread.Name);
    }

    [Fact]
    public void Code_after_an_await_comes_back_to_the_pinned_thread()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new AwaitingReporter()).WithDispatcher(Dispatchers.Pinned));

        actor.Tell("go", probe);

        var before = probe.ExpectMsg<Thread>();
        var after = probe.ExpectMsg<Thread>();
        Assert.Same(before, after);
    }

    [Fact]
    public void Stopping_a_pinned_actor_ends_its_thread()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(Dispatchers.Pinned));
        actor.Tell("which", probe);
        var thread = probe.ExpectMsg<Thread>();
        probe.Watch(actor);

        Sys.Stop(actor);

        probe.ExpectTerminated(actor);
        Assert.True(thread.Join(TimeSpan.FromSeconds(5)));
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter() => Receive<string>(_ => Sender.Tell(Thread.CurrentThread));
    }

    private sealed class AwaitingReporter : ReceiveActor
    {
        public AwaitingReporter() =>
            ReceiveAsync<string>(async _ =>
            {
                var replyTo = Sender;
                replyTo.Tell(Thread.CurrentThread);
                await Task.Delay(10);
                replyTo.Tell(Thread.CurrentThread);
            });
    }
}
