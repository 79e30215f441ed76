using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>P/Invoke declarations for at_util.cpp: seeds, generators, threads, version, CUDA.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial int at_manual_seed(long seed);

    [LibraryImport(Lib)]
    internal static partial int at_set_num_threads(int n);

    [LibraryImport(Lib)]
    internal static partial int at_get_num_threads(out int n);

    [LibraryImport(Lib)]
    internal static partial int at_version(out IntPtr text);

    [LibraryImport(Lib)]
    internal static partial int at_cuda_is_available(out int available);

    [LibraryImport(Lib)]
    internal static partial int at_cuda_device_count(out int count);

    [LibraryImport(Lib)]
    internal static partial int at_generator_new(long seed, out IntPtr generator);

    [LibraryImport(Lib)]
    internal static partial int at_generator_seed(GeneratorHandle generator, long seed);

    [LibraryImport(Lib)]
    internal static partial void at_generator_free(IntPtr generator);
}
