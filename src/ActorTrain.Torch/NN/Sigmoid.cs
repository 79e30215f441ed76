namespace ActorTrain.Torch.NN;

/// <summary>Element-wise Sigmoid activation (no parameters).</summary>
public sealed class Sigmoid : Module
{
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}
