namespace ActorTrain.Torch.NN;

/// <summary>Element-wise ReLU activation (no parameters).</summary>
public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor input) => input.Relu();
}
