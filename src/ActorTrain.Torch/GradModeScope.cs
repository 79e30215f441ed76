using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>
/// Sets libtorch's grad mode for the current thread and restores the previous mode on dispose.
/// Grad mode is thread-local, so create and dispose the scope on the same thread (not across an await).
/// </summary>
public readonly struct GradModeScope : IDisposable
{
    private readonly bool _previous;

    internal GradModeScope(bool enabled)
    {
        _previous = Torch.IsGradEnabled;
        Native.Check(NativeMethods.at_set_grad_enabled(enabled ? 1 : 0));
    }

    public void Dispose() => Native.Check(NativeMethods.at_set_grad_enabled(_previous ? 1 : 0));
}
