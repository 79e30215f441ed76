using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Dispatch;

public sealed class MailboxOrderingTests : TestKitBase
{
    private const int Senders = 8;
    private const int MessagesPerSender = 100_000;

    [Theory]
    [InlineData(DispatcherKind.ThreadPool)]
    [InlineData(DispatcherKind.Pinned)]
    public void Per_pair_order_holds_under_8_concurrent_senders_with_nothing_lost_or_duplicated(DispatcherKind dispatcher)
    {
        var probe = CreateTestProbe();
        var receiver = Sys.ActorOf(Props.Create(() => new SequenceChecker(probe, Senders * MessagesPerSender)).WithDispatcher(dispatcher), "receiver");
        var senders = Enumerable.Range(0, Senders)
            .Select(id => Sys.ActorOf(Props.Create(() => new Burst(id, receiver, MessagesPerSender)), $"sender-{id}"))
            .ToList();

        foreach (var sender in senders) sender.Tell("go");

        var report = probe.ExpectMsg<SequenceReport>(TimeSpan.FromSeconds(30));
        Assert.Equal(0, report.OutOfOrder);
        Assert.All(report.CountPerSender, count => Assert.Equal(MessagesPerSender, count));
    }

    private sealed record Numbered(int Sender, int Sequence);

    private sealed record SequenceReport(int OutOfOrder, int[] CountPerSender);

    private sealed class Burst : ReceiveActor
    {
        public Burst(int id, IActorRef receiver, int count) =>
            Receive<string>(_ =>
            {
                for (var i = 0; i < count; i++) receiver.Tell(new Numbered(id, i));
            });
    }

    private sealed class SequenceChecker : ReceiveActor
    {
        private readonly int[] _next = new int[Senders];
        private int _outOfOrder;
        private int _received;

        public SequenceChecker(IActorRef probe, int expected) =>
            Receive<Numbered>(m =>
            {
                if (m.Sequence != _next[m.Sender]) _outOfOrder++;
                _next[m.Sender] = m.Sequence + 1;
                if (++_received == expected) probe.Tell(new SequenceReport(_outOfOrder, _next));
            });
    }
}
