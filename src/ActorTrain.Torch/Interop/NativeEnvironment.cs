using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>
/// Process settings libtorch's runtime reads from the environment when it loads, so they must be set before the
/// shim is loaded. .NET's Environment.SetEnvironmentVariable does not reach native getenv on Unix, hence libc's
/// setenv; the managed copy is set too so child processes (the C++ benchmark) run the same way.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>
    /// OpenMP workers spin-wait between parallel regions by default; on a shared 2-core machine they spin on the core
    /// OpenBLAS or a neighbouring stage needs (measured: mlp6 at 2 threads, 382 samples/s spinning, 1,658 passive).
    /// A value the user set is kept.
    /// </summary>
    private static readonly (string Name, string Value)[] Defaults = [("OMP_WAIT_POLICY", "PASSIVE")];

    public static void ApplyDefaults()
    {
        foreach (var (name, value) in Defaults)
        {
            if (Environment.GetEnvironmentVariable(name) is not null) continue;
            Environment.SetEnvironmentVariable(name, value);
            if (OperatingSystem.IsLinux()) _ = setenv(name, value, 0);
        }
    }

    // "libc.so" is a linker script on Debian, not a library: name glibc's soname.
    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
