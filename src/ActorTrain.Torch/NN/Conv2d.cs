namespace ActorTrain.Torch.NN;

/// <summary>2-d convolution with square kernels, initialised as PyTorch's nn.Conv2d.</summary>
public sealed class Conv2d : Module
{
    private readonly long _stride;
    private readonly long _padding;

    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true,
        Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        _stride = stride;
        _padding = padding;
        Weight = RegisterParameter("weight",
            Tensor.Empty([outChannels, inChannels, kernelSize, kernelSize]).KaimingUniform_(Math.Sqrt(5), generator));
        if (bias)
        {
            var bound = 1 / Math.Sqrt(inChannels * kernelSize * kernelSize);
            Bias = RegisterParameter("bias", Tensor.Empty([outChannels]).Uniform_(-bound, bound, generator));
        }
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) =>
        Functional.Conv2d(input, Weight, Bias, (_stride, _stride), (_padding, _padding));
}
