using System.Diagnostics;

namespace ActorTrain.Torch.Tests.Serialization;

/// <summary>A fact that needs python3 with the <c>safetensors</c> and <c>numpy</c> packages; skipped, with the reason, where they are missing.</summary>
public sealed class PythonSafeTensorsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public PythonSafeTensorsFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    /// <summary>Runs python3 with a script and arguments; returns its standard output, failing the test on a non-zero exit.</summary>
    public static string Run(string script, params string[] args)
    {
        var (exit, output, error) = Python(["-c", script, .. args]);
        Assert.True(exit == 0, $"python3 exited with {exit}: {error}");
        return output;
    }

    private static string? Probe()
    {
        try
        {
            var (exit, _, error) = Python(["-c", "import safetensors.numpy, numpy"]);
            return exit == 0 ? null : $"python3 cannot import safetensors and numpy: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"python3 is not installed ({e.Message})";
        }
    }

    private static (int Exit, string Output, string Error) Python(string[] args)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
