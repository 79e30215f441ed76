using ActorTrain.Training.Checkpoints;
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
        CheckpointManifest.Seal(_savingTo!, _options, _options.Mode, _position, _stages.Select(s => s.BlockCount).ToArray());
        _lastCheckpoint = _savingTo;
        _log.Information("Checkpoint at step {Step} written to {Directory}", _position.Step, _savingTo);
        if (_finishAfterSave) Finish(_position.Step);
        else Pump();
    }
}
