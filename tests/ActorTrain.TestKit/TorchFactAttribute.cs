namespace ActorTrain.TestKit;

/// <summary>A fact that needs the native shim and libtorch; skipped, with the reason, where they cannot load.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (Requirements.MissingTorch is { } reason) Skip = reason;
    }
}
