using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>Turns the shim's int status into exceptions. Call <see cref="Check"/> right after every native call.</summary>
internal static class Native
{
    static Native() => NativeLibraryResolver.Register();

    /// <summary>Throws a <see cref="TorchException"/> carrying libtorch's message when <paramref name="status"/> is not 0.</summary>
    public static void Check(int status)
    {
        if (status != 0) throw TakeError();
    }

    /// <summary>Makes sure the resolver is registered before the first P/Invoke of a type without its own static constructor.</summary>
    public static void EnsureLoaded() => NativeLibraryResolver.Register();

    private static TorchException TakeError()
    {
        if (NativeMethods.at_take_error(out var ptr) != 0 || ptr == IntPtr.Zero)
            return new TorchException("native call failed and its error message could not be read");
        try
        {
            return TorchException.FromNativeMessage(Marshal.PtrToStringUTF8(ptr) ?? string.Empty);
        }
        finally
        {
            NativeMethods.at_free_string(ptr);
        }
    }
}
