namespace ActorTrain.TestKit;

/// <summary>A fact that needs Debian's dataset-fashion-mnist files; skipped, with the reason, where they are missing.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (Requirements.MissingFashionMnist is { } reason) Skip = reason;
    }
}
