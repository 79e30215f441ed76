namespace ActorTrain.TestKit;

/// <summary>A theory that trains on real Fashion-MNIST through libtorch; skipped, with the reason, where either is missing.</summary>
public sealed class TrainingTheoryAttribute : TheoryAttribute
{
    public TrainingTheoryAttribute()
    {
        if ((Requirements.MissingTorch ?? Requirements.MissingFashionMnist) is { } reason) Skip = reason;
    }
}
