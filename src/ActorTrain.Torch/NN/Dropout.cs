namespace ActorTrain.Torch.NN;

/// <summary>
/// Drops elements with probability p while training; identity in eval mode. Inside a <see cref="DropoutSeeds"/> scope
/// the mask comes from a generator seeded by the scope and <see cref="Stream"/> (this layer's place in its model), so
/// two dropout layers of one forward draw different masks and each mask can be drawn again exactly.
/// </summary>
public sealed class Dropout : Module
{
    public Dropout(double p = 0.5, long stream = 0)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        (P, Stream) = (p, stream);
    }

    public double P { get; }

    /// <summary>Which of its model's dropout layers this is (the model builder numbers them by block and layer).</summary>
    public long Stream { get; }

    public override Tensor Forward(Tensor input)
    {
        if (DropoutSeeds.Current is not { } seed || !IsTraining) return Functional.Dropout(input, P, IsTraining);
        using var generator = new Generator(DropoutSeeds.Mix(seed, Stream));
        return Functional.Dropout(input, P, IsTraining, generator);
    }
}
