using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>P/Invoke declarations for at_errors.cpp: the per-thread error channel and handle release.</summary>
internal static partial class NativeMethods
{
    internal const string Lib = "actortrain_native";

    // Every P/Invoke in this class goes through here first, so the resolver is in place before
    // the runtime looks for the library, whichever call comes first.
    static NativeMethods() => NativeLibraryResolver.Register();

    [LibraryImport(Lib)]
    internal static partial int at_take_error(out IntPtr message);

    [LibraryImport(Lib)]
    internal static partial void at_free_string(IntPtr s);

    [LibraryImport(Lib)]
    internal static partial void at_tensor_free(IntPtr tensor);
}
