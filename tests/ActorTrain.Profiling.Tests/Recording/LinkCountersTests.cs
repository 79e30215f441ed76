using ActorTrain.Profiling.Recording;
using ActorTrain.Torch;
using ActorTrain.Training.Links;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Profiling.Tests.Recording;

public sealed class LinkCountersTests
{
    [TorchFact]
    public void Messages_and_payload_bytes_are_counted_per_link_and_type_and_still_reach_the_receiver()
    {
        var counters = new LinkCounters();
        var forward = new CollectingLink(0, 1);
        var backward = new CollectingLink(1, 0);
        var (next, previous) = (counters.Decorate(forward), counters.Decorate(backward));

        next.Send(Activation(0, [4, 8]));
        next.Send(Activation(1, [4, 8]));
        previous.Send(new Backward(1, 0, 0, new([4, 8], ScalarType.Float32), Tensor.Zeros([4, 8])));

        Assert.Equal(2, forward.Received.Count);
        Assert.Single(backward.Received);
        Assert.Equal(
            [(0, 1, "Forward", 2L, 2L * 4 * 8 * 4), (1, 0, "Backward", 1L, 4L * 8 * 4)],
            counters.Snapshot().Select(t => (t.From, t.To, t.Type, t.Messages, t.Bytes)).OrderByDescending(t => t.Type).ToArray());
        foreach (var m in forward.Received.Concat(backward.Received)) m.DisposeTensors();
    }

    [Fact]
    public void Nothing_sent_is_an_empty_snapshot()
    {
        Assert.Empty(new LinkCounters().Snapshot());
    }

    private static Forward Activation(int mb, long[] shape) => new(0, 0, mb, new(shape, ScalarType.Float32), Tensor.Zeros(shape));

    private sealed class CollectingLink(int from, int to) : IStageLink
    {
        public List<ILinkMessage> Received { get; } = [];

        public int From => from;

        public int To => to;

        public void Send(ILinkMessage message) => Received.Add(message);
    }
}
