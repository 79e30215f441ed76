using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>Owns one native ProcessGroupGloo reference; released with at_group_free.</summary>
internal sealed class ProcessGroupHandle : SafeHandle
{
    public ProcessGroupHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.at_group_free(handle);
        return true;
    }
}
