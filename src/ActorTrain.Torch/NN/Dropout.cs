namespace ActorTrain.Torch.NN;

/// <summary>Drops elements with probability p while training; identity in eval mode.</summary>
public sealed class Dropout : Module
{
    public Dropout(double p = 0.5)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        P = p;
    }

    public double P { get; }

    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);
}
