using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>Owns one native c10d store reference (TCPStore or PrefixStore); released with at_store_free.</summary>
internal sealed class StoreHandle : SafeHandle
{
    public StoreHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.at_store_free(handle);
        return true;
    }
}
