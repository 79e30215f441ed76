using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Actor;

public sealed class AskTests() : TestKitBase(new ActorSystemOptions { TimeProvider = new ManualTimeProvider() })
{
    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var doubler = Sys.ActorOf(Props.Create(() => new Doubler()), "doubler");

        Assert.Equal(42, await doubler.Ask<int>(21, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Ask_times_out_with_an_exception_naming_the_actor()
    {
        var silent = Sys.ActorOf(Props.Create(() => new Doubler()), "silent");

        var ask = silent.Ask<int>("no reply to this", TimeSpan.FromSeconds(2));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(ask.IsCompleted);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        Assert.Contains("/user/silent", error.Message);
        Assert.Equal(silent.Path, error.Recipient);
    }

    [Fact]
    public async Task A_failure_reply_faults_the_ask_with_its_cause()
    {
        var doubler = Sys.ActorOf(Props.Create(() => new Doubler()));

        await Assert.ThrowsAsync<ArgumentException>(() => doubler.Ask<int>(-1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_faults_the_ask()
    {
        var doubler = Sys.ActorOf(Props.Create(() => new Doubler()));

        await Assert.ThrowsAsync<InvalidCastException>(() => doubler.Ask<string>(1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Asking_a_stopped_actor_fails_at_once()
    {
        var doubler = Sys.ActorOf(Props.Create(() => new Doubler()));
        var probe = CreateTestProbe();
        probe.Watch(doubler);
        Sys.Stop(doubler);
        probe.ExpectTerminated(doubler);

        await Assert.ThrowsAsync<AskTimeoutException>(() => doubler.Ask<int>(1, TimeSpan.FromSeconds(1)));
    }

    private sealed class Doubler : ReceiveActor
    {
        public Doubler()
        {
            Receive<int>(i => i < 0, _ => Sender.Tell(new Status.Failure(new ArgumentException("negative"))));
            Receive<int>(i => Sender.Tell(i * 2));
        }
    }
}
