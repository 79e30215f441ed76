using System.Diagnostics;
using System.Runtime.InteropServices;
using ActorTrain.Torch;
using ActorTrain.Torch.Serialization;
using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cli.Tests.Training;

/// <summary>
/// SIGINT and SIGTERM sent to a real <c>actortrain train</c> process: it finishes the step in flight, writes a committed
/// checkpoint, prints the command that resumes it and exits 130 or 143; the resumed run ends with exactly the weights of
/// a run that was never interrupted.
/// </summary>
public sealed class InterruptSignalTests : IDisposable
{
    private const int Sigint = 2, Sigterm = 15;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // 32 steps: the test reads the debug log through a pipe that holds many steps' lines, so the run goes on a while
    // after step 3 before the signal reaches it; a short run could end first.
    private string[] Job(string outputDir) =>
    [
        "train", "--config", RepoPaths.Hocon("local-sync.conf"),
        "--set", $"run.output-dir={outputDir}", "--set", "data.train-limit=2048", "--set", "data.test-limit=256", "--set", "run.epochs=2",
    ];

    [TrainingFact]
    public async Task Sigterm_mid_run_writes_a_checkpoint_prints_the_resume_command_and_exits_143()
    {
        var (interrupted, code, stdout) = await InterruptMidRunAsync("interrupted", Sigterm);

        Assert.Equal(143, code);
        var run = Assert.Single(Directory.GetDirectories(interrupted));
        Assert.InRange(CheckpointManifest.Read(CheckpointDirectory.Resolve(run)).Step, 3, 31);
        Assert.Contains($"--resume {run}", stdout);
    }

    [TrainingFact]
    public async Task Sigint_mid_run_exits_130_and_the_resumed_run_ends_with_the_weights_of_the_uninterrupted_run()
    {
        var whole = _dir.File("whole");
        var first = ActortrainProcess.Run(Job(whole));
        Assert.True(first.Code == 0, first.Err);
        var (interrupted, code, _) = await InterruptMidRunAsync("interrupted", Sigint);

        Assert.Equal(130, code);
        var run = Assert.Single(Directory.GetDirectories(interrupted));
        Assert.InRange(CheckpointManifest.Read(CheckpointDirectory.Resolve(run)).Step, 3, 31);
        var resumedRun = ActortrainProcess.Run([.. Job(interrupted), "--resume", run]);
        Assert.True(resumedRun.Code == 0, resumedRun.Err);
        var resumed = Directory.GetDirectories(interrupted).Single(d => d != run);
        var (expected, actual) = (Weights(Assert.Single(Directory.GetDirectories(whole))), Weights(resumed));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(actual[kv.Key]), $"{kv.Key} differs"));
    }

    /// <summary>
    /// Runs the job and signals it mid-run, in a fresh output directory per try. The signal goes out once the test has
    /// read step 3 from the run's log, but the whole log of the run fits in the pipe, so on a loaded machine the run can
    /// finish (exit 0) before the reader gets there: such a try says nothing about interrupts and is made again, at
    /// most three times. A run that ignored the signal exits 0 every time and still fails.
    /// </summary>
    private async Task<(string OutputDir, int Code, string Stdout)> InterruptMidRunAsync(string name, int signal)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outputDir = _dir.File($"{name}-{attempt}");
            var (code, stdout) = await RunAndSignalAsync([.. Job(outputDir), "--set", "logging.level=debug"], signal);
            if (code != 0 || attempt == 3) return (outputDir, code, stdout);
        }
    }

    /// <summary>Starts the real command, signals it once a stage has logged step 3, and returns its exit code and standard output.</summary>
    private static async Task<(int Code, string Stdout)> RunAndSignalAsync(string[] args, int signal)
    {
        // A job a non-interactive shell starts in the background inherits SIGINT ignored (so that Ctrl-C at the
        // terminal spares it), and .NET honours that: the run would never see the signal. env resets it to the default
        // for the command, as for a process started in the foreground.
        var info = new ProcessStartInfo(EnvResetsSigint.Value ? "env" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (EnvResetsSigint.Value) foreach (var a in new[] { "--default-signal=INT", "dotnet" }) info.ArgumentList.Add(a);
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actortrain.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var signalled = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            // Debug logging puts every stage action on the console: the first line of step 3 means training is under way.
            if (e.Data?.Contains("of step 3 micro-batch", StringComparison.Ordinal) == true && signalled.TrySetResult()) Kill(process.Id, signal);
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Limit);
        Assert.True(signalled.Task.IsCompleted, "the run ended before step 3 was logged");
        return (process.ExitCode, await stdout);
    }

    /// <summary>Whether this machine's env has --default-signal (GNU coreutils 8.31 and later).</summary>
    private static readonly Lazy<bool> EnvResetsSigint = new(() =>
    {
        try
        {
            using var env = Process.Start(new ProcessStartInfo("env", ["--default-signal=INT", "true"]) { RedirectStandardError = true })!;
            env.WaitForExit();
            return env.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    private static Dictionary<string, float[]> Weights(string runDirectory)
    {
        var weights = new Dictionary<string, float[]>();
        foreach (var file in Directory.GetFiles(CheckpointDirectory.Resolve(runDirectory), "stage-*.safetensors"))
        {
            var (tensors, _) = Checkpoint.Load(file);
            foreach (var (name, tensor) in tensors)
            {
                if (tensor.DType == ScalarType.Float32) weights[$"{Path.GetFileName(file)}:{name}"] = tensor.ToArrayFloat();
                tensor.Dispose();
            }
        }
        return weights;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
