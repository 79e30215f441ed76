using System.Diagnostics;
using System.Text;

namespace ActorTrain.Torch.Tests.Distributed;

/// <summary>
/// Rank 1 of a two-process test: ActorTrain.Torch.PeerProcess (copied next to the tests by the
/// project reference) started with 'dotnet'. Its output is kept for failure messages, and disposing
/// kills it if it is still running, so a failed test never leaves a process behind.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PeerProcess(Process process) => _process = process;

    /// <summary>Starts the peer on a scenario (see its Program.cs) against the store at 127.0.0.1:<paramref name="storePort"/>.</summary>
    public static PeerProcess Start(string scenario, int storePort, string keyPrefix)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ActorTrain.Torch.PeerProcess.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("the peer program was not built next to the tests", dll);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, scenario, storePort.ToString(), keyPrefix }) info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>The peer's exit code; fails the test if it has not exited within <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"peer did not exit within {timeout}. Its output:\n{Output}");
        }
        return _process.ExitCode;
    }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
