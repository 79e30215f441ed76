using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Dispatch;

public sealed class BoundedMailboxTests : TestKitBase
{
    [Fact]
    public async Task TellAsync_waits_for_room_in_a_full_bounded_mailbox()
    {
        var probe = CreateTestProbe();
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(probe, gate)).WithBoundedMailbox(2));
        await actor.TellAsync(0);
        probe.ExpectMsg(0);

        await actor.TellAsync(1);
        await actor.TellAsync(2);
        var third = actor.TellAsync(3).AsTask();

        Assert.False(third.IsCompleted);
        gate.Set();
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([1, 2, 3], new[] { probe.ExpectMsg<int>(), probe.ExpectMsg<int>(), probe.ExpectMsg<int>() });
    }

    [Fact]
    public async Task Tell_blocks_on_a_full_bounded_mailbox_until_there_is_room()
    {
        var probe = CreateTestProbe();
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(probe, gate)).WithBoundedMailbox(1));
        actor.Tell(0);
        probe.ExpectMsg(0);
        actor.Tell(1);

        var blocked = Task.Run(() => actor.Tell(2));

        await Assert.ThrowsAsync<TimeoutException>(() => blocked.WaitAsync(TimeSpan.FromMilliseconds(100)));
        gate.Set();
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        probe.ExpectMsg(1);
        probe.ExpectMsg(2);
    }

    [Fact]
    public async Task A_sender_blocked_on_a_full_mailbox_is_released_when_the_actor_stops()
    {
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters);
        var probe = CreateTestProbe();
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(probe, gate)).WithBoundedMailbox(1));
        actor.Tell(0);
        probe.ExpectMsg(0);
        actor.Tell(1);
        var blocked = actor.TellAsync(2).AsTask();

        Sys.Stop(actor);
        gate.Set();

        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        var dead = new[] { letters.ExpectMsg<DeadLetter>().Message, letters.ExpectMsg<DeadLetter>().Message };
        Assert.Equal([1, 2], dead.Cast<int>().Order());
    }

    [Fact]
    public void An_actor_sending_to_its_own_full_mailbox_does_not_deadlock()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new SelfSender(probe)).WithBoundedMailbox(1));

        actor.Tell(5);

        Assert.Equal([5, 4, 3, 2, 1, 0], Enumerable.Range(0, 6).Select(_ => probe.ExpectMsg<int>()));
    }

    private sealed class Gated : ReceiveActor
    {
        public Gated(IActorRef probe, ManualResetEventSlim gate) =>
            Receive<int>(i =>
            {
                probe.Tell(i);
                gate.Wait(TimeSpan.FromSeconds(10));
            });
    }

    private sealed class SelfSender : ReceiveActor
    {
        private readonly HashSet<int> _seen = new();

        public SelfSender(IActorRef probe) =>
            Receive<int>(i =>
            {
                if (_seen.Add(i)) probe.Tell(i);
                if (i == 0) return;
                Self.Tell(i - 1);
                Self.Tell(i - 1); // the second send finds the mailbox full
            });
    }
}
