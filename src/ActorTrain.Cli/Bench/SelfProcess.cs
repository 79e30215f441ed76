using System.Diagnostics;
using System.Text;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// Another `actortrain` process started by this one (a bench's peer or worker): the same program, through its apphost
/// when there is one, otherwise `dotnet actortrain.dll` (as tests run it). Its output is kept for error messages;
/// disposing kills it if it still runs, so a failed bench leaves no process behind.
/// </summary>
internal sealed class SelfProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SelfProcess(Process process) => _process = process;

    public static SelfProcess Start(params string[] args)
    {
        var dll = typeof(SelfProcess).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(dll)!, Path.GetFileNameWithoutExtension(dll));
        var info = new ProcessStartInfo(File.Exists(apphost) ? apphost : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!File.Exists(apphost)) info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["TERM"] = "dumb";
        var process = new Process { StartInfo = info };
        var self = new SelfProcess(process);
        process.OutputDataReceived += (_, e) => self.Append(e.Data);
        process.ErrorDataReceived += (_, e) => self.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return self;
    }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>The exit code, or an exception naming the process and its output when it has not exited within <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout)
        ? _process.ExitCode
        : throw new TimeoutException($"actortrain (pid {Pid}) did not exit within {timeout.TotalSeconds:F0} s:\n{Output}");

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
