namespace ActorTrain.Torch.NN;

/// <summary>2-d max pooling over [N, C, H, W]; the stride defaults to the kernel size.</summary>
public sealed class MaxPool2d(long kernelSize, long? stride = null, long padding = 0) : Module
{
    public override Tensor Forward(Tensor input)
    {
        var s = stride ?? kernelSize;
        return Functional.MaxPool2d(input, (kernelSize, kernelSize), (s, s), (padding, padding));
    }
}
