using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Ist;

internal sealed partial class ParameterServer
{
    private RunPosition? _lastSaved;

    /// <summary>Where the run stands between rounds: the next batch of every worker's shard, and the rounds done.</summary>
    private RunPosition Position => new(_epoch, _batch, _round);

    /// <summary>Mini-batch steps each worker has trained since the run began: what <c>run.checkpoint-every</c> counts.</summary>
    private long LocalSteps => (long)_epoch * _setup.BatchesPerEpoch + _batch;

    /// <summary>A round that started at <paramref name="before"/> local steps crossed a multiple of checkpoint-every: the
    /// checkpoint falls at this round's end, the nearest round boundary at or after the multiple.</summary>
    private bool CheckpointDue(long before)
    {
        var every = _setup.Options.CheckpointEvery;
        return every > 0 && _setup.Options.RunDirectory is not null && LocalSteps / every > before / every;
    }

    /// <summary>
    /// Writes the full model and the full-size optimizer state (empty unless it travels) from this thread between rounds,
    /// while every worker waits for its next slices, so nothing is in flight. A failed write fails the run.
    /// </summary>
    private void SaveCheckpoint()
    {
        var position = Position;
        try
        {
            var (directory, file) = WholeModelCheckpoint.Begin(_setup.Options.RunDirectory!, position);
            using (var optimizer = ServerOptimizerState.ToOptimizer(_setup.Model, _setup.Options.Optimizer, _optimizerState, _optimizerSteps))
                StageState.Save(file, _setup.Model, optimizer, WholeModelCheckpoint.Metadata(IstRun.Mode, position));
            WholeModelCheckpoint.Seal(directory, _setup.Options, IstRun.Mode, position);
            (_lastCheckpoint, _lastSaved) = (directory, position);
            _log.Information("Checkpoint after round {Round} written to {Directory}", _round, directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Torch.TorchException)
        {
            Fail(e, $"the checkpoint after round {_round}");
        }
    }
}
