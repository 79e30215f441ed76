namespace ActorTrain.TestKit;

/// <summary>A fact that needs the native shim and libtorch; skipped, with the reason, where they cannot load.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> MissingReason = new(() => Torch.Torch.TryLoad(out var reason) ? null : reason);

    public TorchFactAttribute()
    {
        if (MissingReason.Value is { } reason) Skip = $"libtorch shim not available: {reason}";
    }
}
