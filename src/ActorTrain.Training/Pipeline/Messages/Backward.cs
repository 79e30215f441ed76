using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>The loss gradient with respect to a stage's output for one micro-batch; the receiver owns the tensor.</summary>
public sealed record Backward(int FromStage, long Step, int MicroBatch, TensorMeta Meta, Tensor Gradient) : ILinkMessage
{
    public Tensor Payload => Gradient;

    public ILinkMessage WithPayload(Tensor payload) => this with { Gradient = payload };
}
