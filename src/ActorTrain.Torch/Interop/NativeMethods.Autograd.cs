using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>P/Invoke declarations for at_autograd.cpp.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial int at_requires_grad(TensorHandle t, out int value);

    [LibraryImport(Lib)]
    internal static partial int at_set_requires_grad(TensorHandle t, int value);

    [LibraryImport(Lib)]
    internal static partial int at_is_leaf(TensorHandle t, out int value);

    [LibraryImport(Lib)]
    internal static partial int at_backward(TensorHandle t, TensorHandle grad, int retainGraph);

    [LibraryImport(Lib)]
    internal static partial int at_grad(TensorHandle t, out IntPtr grad);

    [LibraryImport(Lib)]
    internal static partial int at_set_grad(TensorHandle t, TensorHandle grad);

    [LibraryImport(Lib)]
    internal static partial int at_zero_grad(TensorHandle t, int setToNone);

    [LibraryImport(Lib)]
    internal static partial int at_is_grad_enabled(out int enabled);

    [LibraryImport(Lib)]
    internal static partial int at_set_grad_enabled(int enabled);
}
