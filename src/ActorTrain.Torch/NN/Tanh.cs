namespace ActorTrain.Torch.NN;

/// <summary>Element-wise Tanh activation (no parameters).</summary>
public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => input.Tanh();
}
