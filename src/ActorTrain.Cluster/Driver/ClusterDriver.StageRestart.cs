using ActorTrain.Cluster.Messages;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// A stage that fails on a worker that lives on (a crash, a NaN or infinity caught by a finite check) under
/// recovery.on-node-loss = re-place: nothing is lost but the stages' state, so every worker releases its stages and all
/// are placed again where they were, under a new generation, from the newest in-memory snapshot every stage's worker
/// holds or else the last committed checkpoint (the same path as a lost worker, without a spare or co-location). At
/// most recovery.max-restarts times a run: a failure that keeps coming back (a crash loop, a real divergence) then
/// stops the run with exit 1, naming the worker and the cause.
/// </summary>
internal sealed partial class ClusterDriver
{
    private int _stageRestarts;

    /// <summary>False where the run stops instead: re-place is off, no training is under way, or the restart budget is spent.</summary>
    private bool TryRestartStages(WorkerEntry reporter, string cause, out string why)
    {
        why = "";
        if (!RePlaces || _finished || !_training || _recovery is not null) return false;
        if (_stageRestarts >= _options.Recovery.MaxRestarts)
        {
            why = $"; not restarted: {_stageRestarts} restart(s) already made (recovery.max-restarts = {_options.Recovery.MaxRestarts})";
            return false;
        }
        _stageRestarts++;
        _recovery = new NodeRecovery($"the stages of {reporter} (a stage failed: {cause})", "reported it (actor supervision)", _clock.GetTimestamp(),
            injectedAt: ReportWorkerStageFault(reporter), _nextStep);
        _log.Warning("A stage of {Worker} failed at step {Step}: {Cause}; restarting every stage from the newest in-memory snapshot or the last committed checkpoint", reporter,
            _position.Step, cause);
        ReleaseEveryStage();
        return true;
    }
}
