using System.Globalization;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.Decoupled;

internal sealed partial class DecoupledSupervisor
{
    private string? _savingTo;
    private int _stagesSaved;

    /// <summary>Every stage has finished its batches: the codes and each stage's own file are written, then the manifest seals them.</summary>
    private void SaveCheckpoint()
    {
        _savingTo = CheckpointDirectory.ForStep(_options.RunDirectory!, _position.Step);
        Directory.CreateDirectory(_savingTo);
        CodeTableFile.Save(_savingTo, _stages.Select(s => s.TargetCodes).OfType<SyntheticLabelTable>());
        _stagesSaved = 0;
        var metadata = new Dictionary<string, string>
        {
            ["step"] = _position.Step.ToString(CultureInfo.InvariantCulture),
            ["mode"] = Mode,
        };
        for (var k = 0; k < _children.Count; k++)
            _children[k].Tell(new SaveStage(Path.Combine(_savingTo, CheckpointDirectory.StageFile(k)), metadata), Self);
    }

    private void OnStageSaved(StageSaved saved)
    {
        if (++_stagesSaved < _children.Count) return;
        CheckpointManifest.Seal(_savingTo!, _options, Mode, _position, _stages.Select(s => s.Stage.BlockCount).ToArray());
        _lastCheckpoint = _savingTo;
        _log.Information("Checkpoint at step {Step} written to {Directory}", _position.Step, _savingTo);
        Finish(_position.Step);
    }
}
