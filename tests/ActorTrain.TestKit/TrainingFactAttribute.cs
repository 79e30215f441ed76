namespace ActorTrain.TestKit;

/// <summary>A fact that trains on real Fashion-MNIST through libtorch; skipped, with the reason, where either is missing.</summary>
public sealed class TrainingFactAttribute : FactAttribute
{
    public TrainingFactAttribute()
    {
        if ((Requirements.MissingTorch ?? Requirements.MissingFashionMnist) is { } reason) Skip = reason;
    }
}
