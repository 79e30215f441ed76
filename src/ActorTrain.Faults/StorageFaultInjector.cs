using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Faults;

/// <summary>
/// Injects the plan's storage faults at the checkpoint commit seam (a decorator of <see cref="ICheckpointCommit"/>):
/// checkpoint-write-fail makes the commit of its step throw as a full disk does, so the manifest is never written;
/// kill-during-checkpoint ends the process there, after the stage files and before the manifest. Each entry fires at
/// most `times` times. What it injects goes to the recorder (a kill's record dies with the process).
/// </summary>
public sealed class StorageFaultInjector : ICheckpointCommit
{
    private readonly IReadOnlyList<FaultSpec> _plan;
    private readonly int[] _fired;
    private readonly ICheckpointCommit _inner;
    private readonly FaultRecorder _recorder;
    private readonly TimeProvider _clock;
    private readonly Action<string> _die;

    /// <param name="die">Ends the process with a message; tests pass their own to see that it would be called.</param>
    internal StorageFaultInjector(FaultSettings settings, ICheckpointCommit inner, FaultRecorder recorder, TimeProvider clock, Action<string> die)
    {
        _plan = settings.Plan.Where(f => f.Kind.IsStorageFault()).ToList();
        _fired = new int[_plan.Count];
        (_inner, _recorder, _clock, _die) = (inner, recorder, clock, die);
    }

    /// <summary>The commit with <paramref name="settings"/>' storage faults injected, or null when the plan has none.</summary>
    public static ICheckpointCommit? For(FaultSettings settings, ICheckpointCommit inner, FaultRecorder recorder) =>
        settings.Plan.Any(f => f.Kind.IsStorageFault())
            ? new StorageFaultInjector(settings, inner, recorder, TimeProvider.System, message => Environment.FailFast(message))
            : null;

    public void Commit(long step, string directory, Action seal)
    {
        for (var i = 0; i < _plan.Count; i++)
        {
            var f = _plan[i];
            if (!f.Steps.Contains(step) || _fired[i] >= f.Times) continue;
            _fired[i]++;
            _recorder.OnInjected(new InjectedFault(f.Kind, -1, -1, step, -1, -1, _clock.GetTimestamp()));
            if (f.Kind == FaultKind.KillDuringCheckpoint)
            {
                _die($"injected kill-during-checkpoint: the process dies at step {step}, its stage files in {directory} written, its manifest not");
                return;
            }
            // ENOSPC's text, as a real full disk reports it.
            throw new IOException($"No space left on device (injected checkpoint-write-fail at step {step})");
        }
        _inner.Commit(step, directory, seal);
    }
}
