using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>Owns one native at::Tensor* allocated by the shim; released exactly once with at_tensor_free.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    /// <summary>
    /// Stands for an absent optional tensor (the shim receives nullptr). Never disposed; marshaling an
    /// invalid but open SafeHandle passes its zero value through.
    /// </summary>
    public static readonly TensorHandle Null = new();

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.at_tensor_free(handle);
        return true;
    }
}
