using System.Diagnostics;

namespace ActorTrain.Cli.Tests;

/// <summary>The real `actortrain` program in a child process, its output redirected as a script or a CI log would see it.</summary>
internal static class ActortrainProcess
{
    public sealed record Result(int Code, string Out, string Err);

    public static Result Run(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actortrain.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Redirection alone must turn colours off, whatever the test runner's environment says.
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output, err.GetAwaiter().GetResult());
    }
}
