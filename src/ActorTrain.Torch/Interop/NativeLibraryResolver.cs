using System.Reflection;
using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>
/// Finds libactortrain_native.so: next to the assembly (where the build copies it), in
/// $ACTORTRAIN_NATIVE_DIR, or in artifacts/native/ of an enclosing checkout (tests run from bin/).
/// Fails with a message that says how to build it instead of a bare DllNotFoundException.
/// Other native build outputs (the mlp_bench program) are found the same way with <see cref="FindFile"/>.
/// </summary>
public static class NativeLibraryResolver
{
    private const string FileName = "libactortrain_native.so";
    private static int _registered;

    internal static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != NativeMethods.Lib) return IntPtr.Zero;
        if (FindFile(FileName) is { } library)
        {
            NativeEnvironment.ApplyDefaults();
            return NativeLibrary.Load(library);
        }
        throw new DllNotFoundException(
            $"{FileName} was not found next to the application, in $ACTORTRAIN_NATIVE_DIR or in artifacts/native/. " +
            "Build it with './build.sh build' (needs Debian's libtorch-dev: './build.sh setup').");
    }

    /// <summary>The first existing <paramref name="fileName"/> in the places the native library is looked for, or null.</summary>
    public static string? FindFile(string fileName) => Candidates(fileName).FirstOrDefault(File.Exists);

    private static IEnumerable<string> Candidates(string fileName)
    {
        yield return Path.Combine(AppContext.BaseDirectory, fileName);
        var env = Environment.GetEnvironmentVariable("ACTORTRAIN_NATIVE_DIR");
        if (!string.IsNullOrEmpty(env)) yield return Path.Combine(env, fileName);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, "artifacts", "native", fileName);
    }
}
