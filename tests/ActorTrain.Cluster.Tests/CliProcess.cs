using System.Diagnostics;
using System.Text;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// An `actortrain` process (the Cli's actortrain.dll, copied next to the tests, started with 'dotnet'). Its output is
/// kept for assertions and failure messages; disposing kills it if it still runs, so a failed test leaves no process.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();

    private CliProcess(Process process) => _process = process;

    public static CliProcess Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "actortrain.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("the actortrain CLI was not built next to the tests", dll);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // No live progress bar or colours in captured output.
        info.Environment["TERM"] = "dumb";
        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => Append(cli._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(cli._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public int Pid => _process.Id;

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public string Output => $"--- stdout (pid {Pid}) ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>The exit code; fails the test if the process has not exited within <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"actortrain did not exit within {timeout}.\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Waits until a line of standard output or error contains <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!(Stdout + Stderr).Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline) Assert.Fail($"never printed '{text}'.\n{Output}");
            await Task.Delay(100);
        }
    }

    public void KillHard() => _process.Kill(entireProcessTree: false);

    /// <summary>Sends SIGTERM, as docker stop or a job scheduler would.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null) return;
        lock (to) to.AppendLine(line);
    }

    private static string Read(StringBuilder from)
    {
        lock (from) return from.ToString();
    }
}
