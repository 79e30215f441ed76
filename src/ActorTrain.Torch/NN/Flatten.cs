namespace ActorTrain.Torch.NN;

/// <summary>Flattens dimensions startDim..endDim into one (by default everything but the batch dimension).</summary>
public sealed class Flatten(long startDim = 1, long endDim = -1) : Module
{
    public override Tensor Forward(Tensor input) => input.Flatten(startDim, endDim);
}
