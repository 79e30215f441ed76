using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Dispatch;

public sealed class SystemMessagePriorityTests : TestKitBase
{
    [Fact]
    public void A_stop_overtakes_a_full_bounded_mailbox_and_the_rest_becomes_dead_letters()
    {
        var probe = CreateTestProbe();
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters);
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(probe, gate)).WithBoundedMailbox(10), "gated");
        probe.Watch(actor);
        actor.Tell(0);
        probe.ExpectMsg("processing 0");
        for (var i = 1; i <= 10; i++) actor.Tell(i); // fills the mailbox: an 11th Tell would block

        Sys.Stop(actor);
        gate.Set();

        probe.ExpectTerminated(actor);
        var dead = Enumerable.Range(1, 10).Select(_ => (int)letters.ExpectMsg<DeadLetter>().Message).ToList();
        Assert.Equal(Enumerable.Range(1, 10), dead);
    }

    private sealed class Gated : ReceiveActor
    {
        public Gated(IActorRef probe, ManualResetEventSlim gate) =>
            Receive<int>(i =>
            {
                probe.Tell($"processing {i}");
                gate.Wait(TimeSpan.FromSeconds(10));
            });
    }
}
