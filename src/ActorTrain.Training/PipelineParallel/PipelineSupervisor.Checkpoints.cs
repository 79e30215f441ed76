using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.PipelineParallel;

internal sealed partial class PipelineSupervisor
{
    private string? _savingTo;
    private int _stagesSaved;
    private bool _finishAfterSave;

    /// <summary>The pipeline is drained: every stage writes its own file (on its own thread), then the manifest seals it.</summary>
    private void SaveCheckpoint(bool final)
    {
        _checkpointDue = false;
        _checkpointedStep = _position.Step;
        _finishAfterSave = final;
        _savingTo = CheckpointDirectory.ForStep(_options.RunDirectory!, _position.Step);
        Directory.CreateDirectory(_savingTo);
        _stagesSaved = 0;
        var metadata = new Dictionary<string, string>
        {
            ["step"] = _position.Step.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mode"] = _options.Mode,
        };
        for (var k = 0; k < _children.Count; k++)
            _children[k].Tell(new SaveStage(Path.Combine(_savingTo, CheckpointDirectory.StageFile(k)), metadata), Self);
    }

    private void OnStageSaved(StageSaved saved)
    {
        if (++_stagesSaved < _children.Count) return;
        try
        {
            _commit.Commit(_position.Step, _savingTo!, () =>
                CheckpointManifest.Seal(_savingTo!, _options, _options.Mode, _position, _stages.Select(s => s.BlockCount).ToArray()));
            _lastCheckpoint = _savingTo;
            _log.Information("Checkpoint at step {Step} written to {Directory}", _position.Step, _savingTo);
        }
        catch (IOException e)
        {
            if (!CheckpointFailed(e)) return;
        }
        if (_finishAfterSave) Finish(_position.Step);
        else Pump();
    }

    /// <summary>
    /// The checkpoint was not committed: it is dropped, so the previous committed one stays what --resume uses, and the
    /// run goes on, or stops under on-checkpoint-failure = stop. Returns whether the run goes on.
    /// </summary>
    private bool CheckpointFailed(IOException cause)
    {
        var detectedAt = _clock.GetTimestamp();
        // The run may have resumed from it rather than written it: the run directory says which is newest.
        var committed = CheckpointDirectory.Newest(_options.RunDirectory!);
        var kept = committed ?? "none";
        var keptStep = committed is null ? -1 : CheckpointManifest.Read(committed).Step;
        var stop = _options.Recovery.StopOnCheckpointFailure;
        _observer.OnRecovery(new RecoveryEvent(-1, _position.Step, "checkpoint write error", cause.Message, detectedAt,
            stop ? RecoveryAction.Stop : RecoveryAction.KeepCommitted, keptStep, 0, null, null));
        // Without a manifest the directory is never resumed from; it goes now, not at the next prune, to free the disk it filled.
        TryDelete(_savingTo!);
        if (stop)
        {
            _log.Error("Checkpoint at step {Step} could not be written ({Reason}); stopping (recovery.on-checkpoint-failure = stop). The committed checkpoint is {Kept}",
                _position.Step, cause.Message, kept);
            Fail(new IOException($"the checkpoint at step {_position.Step} could not be written ({cause.Message}); the committed checkpoint is {kept}", cause), where: null);
            return false;
        }
        _log.Warning("Checkpoint at step {Step} could not be written ({Reason}); training goes on and the committed checkpoint stays {Kept}",
            _position.Step, cause.Message, kept);
        return true;
    }

    private void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            _log.Warning("Could not remove the uncommitted checkpoint {Directory}: {Reason}", directory, e.Message);
        }
    }
}
