using System.Runtime.InteropServices;

namespace ActorTrain.Cli.Training;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM (docker stop, systemd, job schedulers) during training. The first asks the run to stop at
/// the next step boundary and write a checkpoint; the second says that is under way; the third, or a drain that outlasts
/// <c>run.interrupt-timeout</c>, exits at once (the last committed checkpoint stays intact: a checkpoint counts only
/// once its manifest, written last, is on disk). The exit code is 130 for SIGINT and 143 for SIGTERM, as shells report.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _interrupt;
    private readonly TimeSpan _drainTimeout;
    private readonly Action<string> _say;
    private readonly Action<int> _exitNow;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly CancellationTokenSource _timer = new();
    private int _count;

    public InterruptSignals(CancellationTokenSource interrupt, TimeSpan drainTimeout, Action<string> say, Action<int> exitNow)
    {
        (_interrupt, _drainTimeout, _say, _exitNow) = (interrupt, drainTimeout, say, exitNow);
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Received { get; private set; }

    public int ExitCode => ExitCodeOf(Received);

    public static int ExitCodeOf(PosixSignal? signal) => signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        switch (Interlocked.Increment(ref _count))
        {
            case 1:
                Received = context.Signal;
                _say($"{Name(context.Signal)}: finishing the step in flight and writing a checkpoint (signal again twice to stop at once)");
                _interrupt.Cancel();
                _ = ExitAfterTimeoutAsync();
                break;
            case 2:
                _say("still draining the pipeline to a checkpoint; one more signal stops at once (the last committed checkpoint stays)");
                break;
            default:
                _say("stopping at once; the last committed checkpoint is intact");
                _exitNow(ExitCode);
                break;
        }
    }

    private async Task ExitAfterTimeoutAsync()
    {
        try
        {
            await Task.Delay(_drainTimeout, _timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _say($"the drain took longer than {_drainTimeout.TotalSeconds:0} s (run.interrupt-timeout): stopping at once; the last committed checkpoint is intact");
        _exitNow(ExitCode);
    }

    private static string Name(PosixSignal signal) => signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    public void Dispose()
    {
        _timer.Cancel();
        _timer.Dispose();
        foreach (var r in _registrations) r.Dispose();
    }
}
