using System.Globalization;
using ActorTrain.Cluster.Messages;
using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Observability;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// Storage faults in a clustered run. The plan's entries name only a checkpoint's step; the driver injects each into the
/// worker hosting the last stage, at most `times` times in the run (counted here, so a replay after a re-placement does
/// not fire it again on the worker that took over). checkpoint-write-fail: that worker's stage files are not written;
/// once every stage has answered, the driver drops the directory without writing the manifest, so the previous committed
/// checkpoint stays the newest, and the run warns and goes on, or stops under recovery.on-checkpoint-failure = stop.
/// kill-during-checkpoint: the worker dies after writing its files and before reporting them; the manifest is never
/// written and the worker is lost, as to any SIGKILL (re-placed, rolling back to the previous committed checkpoint, or
/// the run stops with it intact for --resume).
/// </summary>
internal sealed partial class ClusterDriver
{
    private readonly Dictionary<int, int> _storageFired = new();
    private string? _saveFailure;
    private long _saveFailureInjectedAt;

    private void ReceiveStorageFaults()
    {
        Receive<StagesNotSaved>(_ => { }, _ => _retiredHosts.Contains(Sender));
        Receive<StagesNotSaved>(OnStagesNotSaved);
    }

    /// <summary>Called as the checkpoint at <paramref name="step"/> is asked for: its due storage faults go to the last stage's worker.</summary>
    private void InjectStorageFaults(long step)
    {
        _saveFailure = null;
        for (var i = 0; i < _nodeLoss.Plan.Count; i++)
        {
            var fault = _nodeLoss.Plan[i];
            if (!fault.Kind.IsStorageFault() || !fault.Steps.Contains(step) || _storageFired.GetValueOrDefault(i) >= fault.Times) continue;
            var last = _shape.Balance.Length - 1;
            if (_workers.FirstOrDefault(w => w.Stages.Contains(last)) is not { StageHost: { } host } worker) continue;
            _storageFired[i] = _storageFired.GetValueOrDefault(i) + 1;
            var kill = fault.Kind == FaultKind.KillDuringCheckpoint;
            var description = $"{EnumNames.Of(fault.Kind)} of {worker} at the checkpoint of step {step}";
            _log.Warning("Injecting {Fault}", description);
            var now = _clock.GetTimestamp();
            if (kill) _injected = (fault, worker, now);
            else _saveFailureInjectedAt = now;
            ReportInjected(fault.Kind, -1, step, now);
            host.Tell(new InjectStorageFault(step, kill, description), Self);
        }
    }

    private void OnStagesNotSaved(StagesNotSaved failed)
    {
        if (_finished || _savingTo is null || _workers.FirstOrDefault(w => w.Rank == failed.Rank) is not { } worker) return;
        _saveFailure ??= $"{worker}: {failed.Reason}";
        _stagesSaved += worker.Stages.Length;
        if (_stagesSaved >= _shape.Balance.Length) DropCheckpoint();
    }

    /// <summary>Every stage has answered; true when one could not write its file and the checkpoint was dropped (OnStageSaved stops there).</summary>
    private bool CheckpointDropped()
    {
        if (_saveFailure is null) return false;
        DropCheckpoint();
        return true;
    }

    /// <summary>
    /// The checkpoint is not committed: its directory goes (to free the disk it filled, as in one process), the previous
    /// committed checkpoint stays, and the run goes on or, under on-checkpoint-failure = stop, ends with exit 1.
    /// </summary>
    private void DropCheckpoint()
    {
        var (step, cause, directory) = (_position.Step, _saveFailure!, _savingTo!);
        (_saveFailure, _savingTo) = (null, null);
        var now = _clock.GetTimestamp();
        var kept = _lastCheckpoint ?? _shape.ResumeFrom;
        var keptStep = kept is null ? -1 : CheckpointManifest.Read(kept).Step;
        var stop = _options.Recovery.StopOnCheckpointFailure;
        _observer.OnRecovery(new RecoveryEvent(-1, step, "checkpoint write error", Brief(cause), now, stop ? RecoveryAction.Stop : RecoveryAction.KeepCommitted,
            keptStep, 0, null, null));
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            _log.Warning("Could not remove the uncommitted checkpoint {Directory}: {Reason}", directory, e.Message);
        }
        var after = _saveFailureInjectedAt == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({_clock.GetElapsedTime(_saveFailureInjectedAt, now).TotalMilliseconds:F0} ms after the injected fault)");
        if (stop)
        {
            Fail(new ClusterCheckpointException(
                $"the checkpoint at step {step} could not be written ({cause}){after}; stopping (recovery.on-checkpoint-failure = stop). The committed checkpoint is {kept ?? "none"}"));
            return;
        }
        _log.Warning("Checkpoint at step {Step} could not be written ({Reason}){After}; training goes on and the committed checkpoint stays {Kept}",
            step, cause, after, kept ?? "none");
        if (_finishAfterSave) Finish();
        else Pump();
    }
}
