namespace ActorTrain.Training.Tests.Decoupled;

/// <summary>A fact that needs both libtorch and the Fashion-MNIST files; skipped, with the reason, where either is missing.</summary>
public sealed class FashionMnistTorchFactAttribute : FactAttribute
{
    public FashionMnistTorchFactAttribute()
    {
        if ((Requirements.MissingTorch ?? Requirements.MissingFashionMnist) is { } reason) Skip = reason;
    }
}
