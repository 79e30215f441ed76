using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.DataParallel;

internal sealed partial class DataParallelCoordinator
{
    private bool _checkpointDue;
    private bool _finishAfterSave;
    private string? _savingTo;

    private RunPosition Position => new(_epoch, _batch, _step);

    /// <summary>
    /// Replica 0 writes the model and its optimizer state from its own thread, after the step's update it has queued
    /// (mailbox order). One replica is enough: every replica applies the same summed gradient to the same weights with the
    /// same optimizer, so weights and optimizer state are identical. Batch-norm running statistics are not (each replica
    /// normalises its own share), but only replica 0's are ever read, by evaluation, and those are the ones saved.
    /// </summary>
    private void SaveCheckpoint(bool final)
    {
        _checkpointDue = false;
        _finishAfterSave = final;
        var (directory, file) = WholeModelCheckpoint.Begin(_options.RunDirectory!, Position);
        _savingTo = directory;
        _children[0].Tell(new SaveStage(file, WholeModelCheckpoint.Metadata(DataParallelRun.Mode, Position)), Self);
    }

    private void OnReplicaSaved(StageSaved saved)
    {
        if (_finished) return;
        try
        {
            WholeModelCheckpoint.Seal(_savingTo!, _options, DataParallelRun.Mode, Position);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e, $"the checkpoint at step {_step}");
            return;
        }
        _lastCheckpoint = _savingTo;
        _log.Information("Checkpoint at step {Step} written to {Directory}", _step, _savingTo);
        if (_finishAfterSave) Finish(_step);
        else NextStep();
    }
}
