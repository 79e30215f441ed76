using System.Runtime.InteropServices;
using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>Process-wide libtorch controls: loading, seeds, threads, grad mode, version and CUDA.</summary>
public static class Torch
{
    /// <summary>
    /// Loads the native shim (and libtorch behind it) if it is not loaded yet. Returns false with the
    /// reason when it cannot be loaded, so tests and tools can skip instead of crashing.
    /// </summary>
    public static bool TryLoad(out string? reason)
    {
        try
        {
            Native.Check(NativeMethods.at_get_num_threads(out _));
            reason = null;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TorchException)
        {
            reason = e.Message;
            return false;
        }
    }

    /// <summary>Seeds libtorch's default generators (CPU and every CUDA device), as torch.manual_seed.</summary>
    public static void ManualSeed(long seed) => Native.Check(NativeMethods.at_manual_seed(seed));

    /// <summary>
    /// Sets the size of libtorch's intra-op thread pool. Process-global: it applies to every thread
    /// and every actor in the process, not just the caller.
    /// </summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Native.Check(NativeMethods.at_set_num_threads(threads));
    }

    public static int GetThreads()
    {
        Native.Check(NativeMethods.at_get_num_threads(out var n));
        return n;
    }

    /// <summary>Version of the libtorch the shim was compiled against, e.g. "1.13.0".</summary>
    public static string Version
    {
        get
        {
            Native.Check(NativeMethods.at_version(out var text));
            try
            {
                return Marshal.PtrToStringUTF8(text) ?? string.Empty;
            }
            finally
            {
                NativeMethods.at_free_string(text);
            }
        }
    }

    public static bool CudaIsAvailable
    {
        get
        {
            Native.Check(NativeMethods.at_cuda_is_available(out var a));
            return a != 0;
        }
    }

    public static int CudaDeviceCount
    {
        get
        {
            Native.Check(NativeMethods.at_cuda_device_count(out var n));
            return n;
        }
    }

    /// <summary>Whether autograd records operations on the current thread.</summary>
    public static bool IsGradEnabled
    {
        get
        {
            Native.Check(NativeMethods.at_is_grad_enabled(out var e));
            return e != 0;
        }
    }

    /// <summary>
    /// Turns gradient recording off on the current thread until the scope is disposed
    /// (<c>using (Torch.NoGrad()) { ... }</c>). Thread-local, like torch.no_grad.
    /// </summary>
    public static GradModeScope NoGrad() => new(false);

    /// <summary>Turns gradient recording on for the current thread until the scope is disposed.</summary>
    public static GradModeScope EnableGrad() => new(true);
}
