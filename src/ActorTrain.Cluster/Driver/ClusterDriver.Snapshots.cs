using System.Globalization;
using ActorTrain.Cluster.Messages;
using ActorTrain.Cluster.Snapshots;
using ActorTrain.Training.PipelineParallel;
using Akka.Actor;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// In-memory snapshots of a clustered sync pipeline (recovery.snapshot-every with on-node-loss = re-place), as Gemini
/// takes them: every snapshot-every steps the step is dispatched with a snapshot first, so the pipeline does not stop;
/// each worker keeps its stages' copies and replicates them to its buddy, the next rank in the ring, and both tell the
/// driver, whose ledger then knows which copies survive a loss. A recovery rolls back to the newest snapshot newer than
/// the last committed checkpoint of which every stage has a copy on a live worker (survivors restore their own, the
/// new hosts of a lost worker's stages receive the replica); only without one does it load the checkpoint.
/// </summary>
internal sealed partial class ClusterDriver
{
    private readonly SnapshotLedger _snapshotLedger = new();
    private readonly List<TimeSpan> _snapshotsReplicated = new();

    /// <summary>
    /// The sync and async pipelines (dp, decoupled and ist recover otherwise or not at all). Without flush a stage's
    /// state before a step is one cut of the pipeline only once it has drained: see <see cref="AtSnapshotBoundary"/>.
    /// </summary>
    private bool SnapshotsOn => RePlaces && _options.Recovery.SnapshotEvery > 0 && !ServesIst &&
                                _options.Mode != Training.Decoupled.DecoupledSupervisor.Mode;

    /// <summary>
    /// Without flush the step that starts with a snapshot waits for the pipeline to drain, by the one-process rule
    /// (<see cref="Training.Options.TrainingOptions.DrainsBefore"/>), snapshots kept or not, so the run keeps the
    /// schedule (and the weights) of the same configuration in one process.
    /// </summary>
    private bool AtSnapshotBoundary => _pendingSteps.Count > 0 && _options.DrainsBefore(_nextStep);

    /// <summary>A copy of every stage on its own worker and, with more than one worker, a replica on another.</summary>
    private int CopiesWanted => Math.Min(2, _workers.Count);

    private void ReceiveSnapshots() => Receive<SnapshotHeld>(OnSnapshotHeld);

    /// <summary>Whether <paramref name="step"/>, about to be dispatched, starts with a snapshot; if so, where the data stands is recorded.</summary>
    private bool SnapshotBefore(long step)
    {
        if (!SnapshotsOn || step % _options.Recovery.SnapshotEvery != 0) return false;
        _snapshotLedger.Asked(step, new SnapshotPoint(_position with { Step = step }, _samples, _lastLoss), _clock.GetTimestamp());
        return true;
    }

    /// <summary>The worker the one at <paramref name="rank"/> replicates its snapshots to: the next rank in the ring, none when alone or off.</summary>
    private IActorRef? BuddyOf(int rank) => SnapshotsOn && _workers.Count > 1 ? _workers[(rank + 1) % _workers.Count].Node : null;

    private void OnSnapshotHeld(SnapshotHeld held)
    {
        if (!_snapshotLedger.Held(held.Step, held.Stage, Sender.Path.Address.ToString(), _shape.Balance.Length, CopiesWanted)) return;
        var took = _clock.GetElapsedTime(_snapshotLedger.AskedAt(held.Step));
        _snapshotsReplicated.Add(took);
        _log.Information("In-memory snapshot before step {Step}: {Copies} cop{Plural} of every stage held, {Ms:F0} ms after the step was dispatched",
            held.Step, CopiesWanted, CopiesWanted == 1 ? "y" : "ies", took.TotalMilliseconds);
    }

    /// <summary>
    /// Sets the run back to the rollback point of a re-placement onto <paramref name="stageRanks"/> and says what the
    /// workers start from: the checkpoint to load, or the snapshot to restore (with each stage's holder).
    /// <paramref name="lostStages"/>: the stages of lost workers, whose own copies went with them.
    /// </summary>
    private (string? ResumeFrom, RestoreSnapshot? Restore) RollBack(int[] stageRanks, IReadOnlyCollection<int> lostStages)
    {
        var live = _workers.Select(w => w.Address.ToString()).ToHashSet();
        var choice = SnapshotsOn
            ? _snapshotLedger.Choose(stageRanks.Length, _checkpointPosition.Step, live, k => _workers[stageRanks[k]].Address.ToString())
            : null;
        string? resumeFrom = null;
        RestoreSnapshot? restore = null;
        if (choice is null)
        {
            resumeFrom = _lastCheckpoint ?? _shape.ResumeFrom;
            _position = _checkpointPosition;
            _samples = _checkpointSamples;
            _recovery!.RollbackPoint = resumeFrom is null ? "the run's start" : $"checkpoint {resumeFrom}";
            if (SnapshotsOn)
                _log.Warning("No in-memory snapshot newer than step {Step} has a surviving copy of every stage: rolling back to {Point}",
                    _checkpointPosition.Step, _recovery.RollbackPoint);
        }
        else
        {
            var holders = choice.Holders.Select(h => _workers.First(w => w.Address.ToString() == h)).ToArray();
            restore = new RestoreSnapshot(choice.Step, holders.Select(w => w.Node).ToArray());
            (_position, _samples, _lastLoss) = (choice.Point.Position, choice.Point.Samples, choice.Point.LastLoss);
            _recovery!.RollbackPoint = string.Create(CultureInfo.InvariantCulture, $"in-memory snapshot before step {choice.Step} ({Sources(holders, stageRanks, lostStages)})");
            _log.Warning("Rolling back to the {Point}", _recovery.RollbackPoint);
        }
        _nextStep = _checkpointedStep = _position.Step;
        _recovery.RollbackStep = _position.Step;
        return (resumeFrom, restore);
    }

    /// <summary>Where each stage's copy comes from, as the recovery report says it: e.g. "stage 1 from its replica on worker 0".</summary>
    private static string Sources(WorkerEntry[] holders, int[] stageRanks, IReadOnlyCollection<int> lostStages)
    {
        var replicas = Enumerable.Range(0, stageRanks.Length).Where(k => lostStages.Contains(k) || holders[k].Rank != stageRanks[k])
            .Select(k => $"stage {k} from its replica on worker {holders[k].Rank}").ToList();
        return replicas.Count == 0 ? "every stage from its own worker's copy" : $"{string.Join(", ", replicas)}; the others from their own copies";
    }
}
