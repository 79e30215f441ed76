using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>An activation for micro-batch <paramref name="MicroBatch"/> of <paramref name="Step"/>; the receiver owns the tensor.</summary>
public sealed record Forward(int FromStage, long Step, int MicroBatch, TensorMeta Meta, Tensor Activation) : ILinkMessage
{
    public Tensor Payload => Activation;

    public ILinkMessage WithPayload(Tensor payload) => this with { Activation = payload };
}
