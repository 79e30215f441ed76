using System.Globalization;
using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Driver;

internal sealed partial class ClusterDriver
{
    private int _stagesSaved;
    private string? _savingTo, _lastCheckpoint;
    private long _checkpointedStep;
    private bool _checkpointDue, _finishAfterSave;

    private bool _drainSent;

    /// <summary>Mini-batches kept dispatched, as the one-process supervisor keeps them (without flush, see <c>AsyncOptions.DispatchWindow</c>).</summary>
    private int Window => _options.WithoutFlush
        ? _options.Async.DispatchWindow(_shape.Balance.Length, _options.Pipeline.MicroBatches, StepWindow)
        : _options.Mode == Training.Decoupled.DecoupledSupervisor.Mode ? Training.Decoupled.DecoupledSupervisor.DispatchWindow : StepWindow;

    private bool StepLimitReached => _options.MaxSteps > 0 && _nextStep >= _options.MaxSteps;

    private bool MoreToDispatch =>
        _training && !_finished && !_interrupted && !_checkpointDue && !AtCheckpointBoundary && !AtSnapshotBoundary && _position.Epoch < _options.Epochs &&
        _position.Batch < _shape.BatchesPerEpoch && !StepLimitReached;

    /// <summary>Dispatch stops at a checkpoint boundary not yet saved, so checkpoints fall on multiples of checkpoint-every (as in one process).</summary>
    private bool AtCheckpointBoundary =>
        _options.CheckpointEvery > 0 && _nextStep % _options.CheckpointEvery == 0 && _nextStep != _checkpointedStep;

    /// <summary>Keeps the window dispatched; once every step is back, checkpoints, moves to the next epoch or ends.</summary>
    private void Pump()
    {
        while (MoreToDispatch && _pendingSteps.Count < Window)
        {
            _drainSent = false;
            var step = _nextStep++;
            var snapshot = SnapshotBefore(step);
            foreach (var w in _workers) w.StageHost!.Tell(new RunStepAt(step, _position.Epoch, _position.Batch, snapshot), Self);
            NoteDispatch(step);
            InjectNodeFaults(step);
            var samples = Math.Min(_options.BatchSize, _shape.TrainSamples - _position.Batch * _options.BatchSize);
            _pendingSteps[step] = (0, samples);
            _samples += samples;
            _position = _position with { Batch = _position.Batch + 1 };
        }
        // Without flush, stages must hear that nothing more comes before the pipeline can empty (see DrainPipeline).
        if (_options.WithoutFlush && !_drainSent && _pendingSteps.Count > 0 && !MoreToDispatch && !_finished)
        {
            foreach (var w in _workers) w.StageHost!.Tell(new DrainPipeline(), Self);
            _drainSent = true;
        }
        if (_pendingSteps.Count > 0 || _finished) return;
        if (_checkpointDue)
        {
            SaveCheckpoint(final: false);
            return;
        }
        if (_interrupted)
        {
            SaveCheckpoint(final: true);
            return;
        }
        if (_position.Batch >= _shape.BatchesPerEpoch || StepLimitReached || _position.Epoch >= _options.Epochs) EndEpoch();
    }

    private void EndEpoch()
    {
        _log.Information("Epoch {Epoch}: last train loss {Loss:F4}", _position.Epoch + 1, _lastLoss);
        if (_options.EvaluateEachEpoch) StartEvaluation();
        else NextEpoch();
    }

    private void NextEpoch()
    {
        // A step limit can end the run mid-epoch: the position then stays where training stopped.
        if (_position.Batch >= _shape.BatchesPerEpoch) _position = _position with { Epoch = _position.Epoch + 1, Batch = 0 };
        if (_position.Epoch >= _options.Epochs || StepLimitReached) SaveCheckpoint(final: true);
        else Pump();
    }

    private void OnStepCompleted(StepCompleted done)
    {
        WatchStep(done);
        if (!_pendingSteps.TryGetValue(done.Step, out var pending)) return;
        if (done.Loss is { } loss)
        {
            _lastLoss = loss;
            _observer.OnStep(new StepMetrics(_options.Mode, _position.Epoch, done.Step, loss, pending.Samples, _clock.GetTimestamp()));
        }
        if (pending.Reported + 1 < _shape.Units)
        {
            _pendingSteps[done.Step] = pending with { Reported = pending.Reported + 1 };
            return;
        }
        _pendingSteps.Remove(done.Step);
        _position = _position with { Step = _position.Step + 1 };
        OnStepReplayed();
        if (_options.CheckpointEvery > 0 && _position.Step % _options.CheckpointEvery == 0) _checkpointDue = true;
        Pump();
    }

    /// <summary>The pipeline is drained: every worker writes its stage files; the manifest, written when all are in, commits them.</summary>
    private void SaveCheckpoint(bool final)
    {
        _checkpointDue = false;
        _finishAfterSave = final;
        if (final && _lastCheckpoint is not null && _checkpointedStep == _position.Step)
        {
            Finish();
            return;
        }
        _checkpointedStep = _position.Step;
        _savingTo = CheckpointDirectory.ForStep(_options.RunDirectory!, _position.Step);
        Directory.CreateDirectory(_savingTo);
        _stagesSaved = 0;
        InjectStorageFaults(_position.Step);
        foreach (var w in _workers) w.StageHost!.Tell(new SaveStages(_savingTo, _position.Step, _options.Mode), Self);
    }

    private void OnStageSaved(StageSaved saved)
    {
        if (_finished || ++_stagesSaved < _shape.Balance.Length || CheckpointDropped()) return;
        CheckpointManifest.Seal(_savingTo!, _options, _options.Mode, _position, _shape.Balance);
        _lastCheckpoint = _savingTo;
        CommitRollbackPoint();
        _log.Information("Checkpoint at step {Step} written to {Directory} (stage files by the workers, manifest last)",
            _position.Step.ToString(CultureInfo.InvariantCulture), _savingTo);
        if (_finishAfterSave) Finish();
        else Pump();
    }
}
