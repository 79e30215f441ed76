namespace ActorTrain.Torch.NN;

/// <summary>y = x · Wᵀ + b, with W of shape [out, in], initialised as PyTorch's nn.Linear.</summary>
public sealed class Linear : Module
{
    /// <param name="generator">Draws the initial values; libtorch's default generator when null.</param>
    public Linear(long inFeatures, long outFeatures, bool bias = true, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        // PyTorch's reset_parameters: kaiming_uniform(a=sqrt(5)) for W, U(-1/sqrt(in), 1/sqrt(in)) for b.
        Weight = RegisterParameter("weight", Tensor.Empty([outFeatures, inFeatures]).KaimingUniform_(Math.Sqrt(5), generator));
        if (bias)
        {
            var bound = 1 / Math.Sqrt(inFeatures);
            Bias = RegisterParameter("bias", Tensor.Empty([outFeatures]).Uniform_(-bound, bound, generator));
        }
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
