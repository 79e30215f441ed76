using ActorTrain.Torch;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Links.Messages;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.Tests.Links;

/// <summary>The receiving end of the link protocol: exactly once, in sequence, whatever the wire did.</summary>
public sealed class LinkInboxTests() : Akka.TestKit.Xunit2.TestKit(TrainingActorSystem.Defaults)
{
    private static readonly LinkProtocolOptions Protocol = new(TimeSpan.FromMilliseconds(50), 16, Generation: 2);
    private readonly List<ILinkMessage> _delivered = [];

    [TorchFact]
    public void Frames_are_handed_on_in_sequence_exactly_once_and_acknowledged()
    {
        var (sender, inbox) = (CreateTestProbe(), Inbox());

        foreach (var seq in new long[] { 2, 1, 1, 3, 2 }) inbox.Accept(Frame(seq), sender, _delivered.Add);

        Assert.Equal([1L, 2L, 3L], _delivered.Select(m => m.Step));
        Assert.Equal([2L, 2L, 3L, 3L], Enumerable.Range(0, 4).Select(_ => sender.ExpectMsg<LinkAck>().Sequence));
    }

    [TorchFact]
    public void A_frame_of_another_generation_is_dropped()
    {
        var (sender, inbox) = (CreateTestProbe(), Inbox());

        inbox.Accept(Frame(1, generation: 1), sender, _delivered.Add);

        Assert.Empty(_delivered);
        sender.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [TorchFact]
    public void A_frame_whose_checksum_fails_is_dropped_and_asked_for_again()
    {
        var (sender, inbox) = (CreateTestProbe(), Inbox());

        var frame = Frame(1);
        inbox.Accept(frame with { Header = frame.Header with { Checksum = 12345 } }, sender, _delivered.Add);

        Assert.Empty(_delivered);
        Assert.Equal(1, sender.ExpectMsg<ResendRequest>().Sequence);
    }

    [TorchFact]
    public void A_gap_open_past_the_resend_timeout_becomes_a_resend_request_for_each_missing_frame()
    {
        var (sender, inbox) = (CreateTestProbe(), Inbox());

        inbox.Accept(Frame(3), sender, _delivered.Add);
        inbox.Control(ExpectMsg<GapCheck>());

        Assert.Equal([1L, 2L], new[] { sender.ExpectMsg<ResendRequest>().Sequence, sender.ExpectMsg<ResendRequest>().Sequence });
        inbox.Clear();
    }

    private LinkInbox Inbox() => new LinkFactory([], Protocol).Inbox(1, TestActor, Sys.Scheduler, NullTrainingObserver.Instance, TimeProvider.System);

    private static LinkFrame Frame(long seq, long generation = 2)
    {
        var payload = Tensor.Ones([2, 3]);
        return new LinkFrame(new LinkHeader(generation, 0, 1, seq, Crc32C.Of(payload)), new Forward(0, seq, 0, TensorMeta.Of(payload), payload));
    }
}
