namespace ActorTrain.Torch.NN;

/// <summary>Element-wise GELU activation (no parameters).</summary>
public sealed class GELU : Module
{
    public override Tensor Forward(Tensor input) => input.Gelu();
}
