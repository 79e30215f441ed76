using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>P/Invoke declarations for at_optim.cpp: fused per-parameter updates.</summary>
internal static partial class NativeMethods
{
    /// <summary><paramref name="buffer"/> is the momentum buffer's raw handle, or zero on the first step (the shim then creates it).</summary>
    [LibraryImport(Lib)]
    internal static partial int at_sgd_step(TensorHandle param, ref IntPtr buffer, double lr, double momentum, double dampening,
        double weightDecay, int nesterov, int update, out int applied);

    [LibraryImport(Lib)]
    internal static partial int at_adam_step(TensorHandle param, ref IntPtr expAvg, ref IntPtr expAvgSq, long step, double lr,
        double beta1, double beta2, double eps, double weightDecay, int update, out int applied);
}
