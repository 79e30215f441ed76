using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>Owns one native at::Generator* allocated by the shim; released with at_generator_free.</summary>
internal sealed class GeneratorHandle : SafeHandle
{
    public GeneratorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public GeneratorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    /// <summary>Stands for "use libtorch's default generator" (the shim receives nullptr). Never disposed.</summary>
    public static readonly GeneratorHandle Null = new();

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.at_generator_free(handle);
        return true;
    }
}
