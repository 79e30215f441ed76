namespace ActorTrain.TestKit;

/// <summary>A theory that needs the native libtorch shim; skipped, with the reason, where it cannot load.</summary>
public sealed class TorchTheoryAttribute : TheoryAttribute
{
    public TorchTheoryAttribute()
    {
        if (Requirements.MissingTorch is { } reason) Skip = reason;
    }
}
