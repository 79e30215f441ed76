using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.Decoupled.Messages;

/// <summary>
/// A test batch travelling forward through the chained stages (inference). The first stage gets no
/// <paramref name="Input"/> and reads the samples itself; later stages get their predecessor's output, which they own.
/// </summary>
internal sealed record EvaluateBatch(long Batch, int[] Indices, long[] Labels, Tensor? Input) : ILinkMessage
{
    public long Step => Batch;

    public int MicroBatch => 0;

    /// <summary>Only a predecessor's output crosses a link; the first stage's batch goes from the supervisor straight to it.</summary>
    public Tensor Payload => Input ?? throw new InvalidOperationException("a test batch without input does not cross a link");

    public bool IsTrainingTraffic => false;

    public ILinkMessage WithPayload(Tensor payload) => this with { Input = payload };

    public void DisposeTensors() => Input?.Dispose();
}
