using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>P/Invoke declarations for at_nn.cpp. Optional tensors are passed as <see cref="TensorHandle.Null"/>.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial int at_linear(TensorHandle x, TensorHandle weight, TensorHandle bias, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_dropout(TensorHandle x, double p, int training, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_batch_norm(TensorHandle x, TensorHandle weight, TensorHandle bias, TensorHandle runningMean,
        TensorHandle runningVar, int training, double momentum, double eps, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_conv2d(TensorHandle x, TensorHandle weight, TensorHandle bias, long strideH, long strideW,
        long padH, long padW, long dilationH, long dilationW, long groups, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_max_pool2d(TensorHandle x, long kernelH, long kernelW, long strideH, long strideW,
        long padH, long padW, int ceilMode, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_cross_entropy(TensorHandle logits, TensorHandle target, long reduction, double labelSmoothing, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_nll_loss(TensorHandle logProbs, TensorHandle target, long reduction, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_mse_loss(TensorHandle input, TensorHandle target, long reduction, out IntPtr result);
}
