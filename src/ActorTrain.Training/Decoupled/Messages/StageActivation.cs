using ActorTrain.Torch;
using ActorTrain.Training.Links;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.Decoupled.Messages;

/// <summary>
/// Sequential variant only: a stage's real (detached) outputs for one mini-batch, the next stage's training input.
/// Never answered with a gradient. The receiver owns the tensor.
/// </summary>
internal sealed record StageActivation(int FromStage, long Step, TensorMeta Meta, Tensor Activation) : ILinkMessage
{
    public int MicroBatch => 0;

    public Tensor Payload => Activation;

    public ILinkMessage WithPayload(Tensor payload) => this with { Activation = payload };
}
