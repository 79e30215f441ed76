using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Actor;

public sealed class DeadLetterTests : TestKitBase
{
    [Fact]
    public void Messages_to_a_stopped_actor_are_published_as_dead_letters()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Sink()), "gone");
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor);
        Sys.EventStream.Subscribe<DeadLetter>(probe);

        actor.Tell("too late", probe);

        var letter = probe.ExpectMsg<DeadLetter>();
        Assert.Equal("too late", letter.Message);
        Assert.Same(probe, letter.Sender);
        Assert.Same(actor, letter.Recipient);
    }

    [Fact]
    public void Messages_sent_to_DeadLetters_are_published()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(probe);

        Sys.DeadLetters.Tell("lost");

        Assert.Equal("lost", probe.ExpectMsg<DeadLetter>().Message);
    }

    private sealed class Sink : ReceiveActor
    {
        public Sink() => ReceiveAny(_ => { });
    }
}
