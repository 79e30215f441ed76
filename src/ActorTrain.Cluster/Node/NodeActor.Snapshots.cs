using ActorTrain.Cluster.Messages;
using ActorTrain.Cluster.Snapshots;
using Akka.Actor;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// A worker's in-memory snapshots (recovery.snapshot-every in a clustered pipeline, as in Gemini): its stages hand
/// each snapshot to their host, which serializes it off the stage's thread; this actor keeps it, tells the driver, and
/// sends a replica to its buddy (the next rank in the ring), which keeps it and tells the driver too. The copies live
/// here, not in the stage host, because a re-placement releases the stage hosts. On a placement that restores a
/// snapshot, each local stage starts from the copy held here or, for a stage this worker did not hold (a lost
/// worker's, now placed here), from the copy its holder sends.
/// Replicas go over Akka.Remote in chunks, not over Gloo: the Gloo group is torn down and re-formed with every
/// generation, while the replicas must outlive it, and the transfer runs beside training on the remoting threads.
/// </summary>
internal sealed partial class NodeActor
{
    /// <summary>Below Akka.Remote's maximum frame size (128000 bytes, see ClusterAkkaConfig), with room for the envelope (paths, header).</summary>
    internal const int ChunkBytes = 100_000;

    private readonly SnapshotStore _snapshotStore = new();
    private IActorRef? _driver, _buddy;
    private Restoring? _restoring;

    /// <summary>A placement waiting for the copies of its stages' snapshot that other workers hold.</summary>
    private sealed record Restoring(HostStages Plan, Dictionary<int, byte[]> Restored, HashSet<int> Awaited);

    private void ReceiveSnapshots()
    {
        Receive<KeepSnapshot>(OnKeepSnapshot);
        Receive<SnapshotChunk>(OnSnapshotChunk);
        Receive<SendSnapshot>(OnSendSnapshot);
        Receive<SnapshotGone>(gone => Refuse(gone.Stage, gone.Step, $"its holder {Sender.Path.Address} no longer has it"));
        Receive<Status.Failure>(f => _log.Error("Serializing a stage snapshot failed: {Reason}", f.Cause.Message));
    }

    private void OnKeepSnapshot(KeepSnapshot keep)
    {
        _snapshotStore.Put(keep.Stage, keep.Step, keep.Bytes);
        _driver?.Tell(new SnapshotHeld(keep.Stage, keep.Step), Self);
        _log.Debug("Snapshot of stage {Stage} before step {Step}: {Bytes} bytes, serialized in {Ms:F1} ms{Replica}", keep.Stage, keep.Step,
            keep.Bytes.Length, keep.Serializing.TotalMilliseconds, _buddy is null ? "" : $"; replicating to {_buddy.Path.Address}");
        if (_buddy is not { } buddy) return;
        foreach (var chunk in SnapshotStore.Chunks(keep.Stage, keep.Step, keep.Bytes, ChunkBytes)) buddy.Tell(chunk, Self);
    }

    /// <summary>A replica from the worker before this one in the ring, or a copy a restore asked for: kept either way, and counted by the driver.</summary>
    private void OnSnapshotChunk(SnapshotChunk chunk)
    {
        if (_snapshotStore.Receive(chunk) is not { } bytes) return;
        _snapshotStore.Put(chunk.Stage, chunk.Step, bytes);
        _driver?.Tell(new SnapshotHeld(chunk.Stage, chunk.Step), Self);
        if (_restoring is not { } restoring || restoring.Plan.Restore!.Step != chunk.Step || !restoring.Awaited.Remove(chunk.Stage)) return;
        restoring.Restored[chunk.Stage] = bytes;
        HostIfRestored();
    }

    private void OnSendSnapshot(SendSnapshot send)
    {
        if (!_snapshotStore.TryGet(send.Stage, send.Step, out var bytes))
        {
            Sender.Tell(new SnapshotGone(send.Stage, send.Step), Self);
            return;
        }
        _log.Information("Sending the snapshot of stage {Stage} before step {Step} to its new host {Host}", send.Stage, send.Step, Sender.Path.Address);
        foreach (var chunk in SnapshotStore.Chunks(send.Stage, send.Step, bytes, ChunkBytes)) Sender.Tell(chunk, Self);
    }

    /// <summary>Collects the copies of this worker's stages' snapshot: its own at once, the others from their holders.</summary>
    private void GatherSnapshot(HostStages plan, RestoreSnapshot restore)
    {
        _restoring = new Restoring(plan, new Dictionary<int, byte[]>(), new HashSet<int>());
        for (var stage = 0; stage < plan.StageRanks.Length; stage++)
        {
            if (plan.StageRanks[stage] != plan.Rank) continue;
            if (_snapshotStore.TryGet(stage, restore.Step, out var bytes)) _restoring.Restored[stage] = bytes;
            else
            {
                _restoring.Awaited.Add(stage);
                restore.Holders[stage].Tell(new SendSnapshot(stage, restore.Step), Self);
            }
        }
        HostIfRestored();
    }

    private void HostIfRestored()
    {
        if (_restoring is not { Awaited.Count: 0 } restoring) return;
        _restoring = null;
        _log.Information("Restoring stage(s) {Stages} from the in-memory snapshot before step {Step}", string.Join(", ", restoring.Restored.Keys.Order()),
            restoring.Plan.Restore!.Step);
        Host(restoring.Plan, restoring.Restored);
    }

    /// <summary>A copy the driver counted is gone: this placement cannot start, and the driver hears why.</summary>
    private void Refuse(int stage, long step, string why)
    {
        if (_restoring is not { } restoring) return;
        _restoring = null;
        var reason = $"the snapshot of stage {stage} before step {step} cannot be restored: {why}";
        _log.Error("{Reason}", reason);
        _driver?.Tell(new WorkerFailure(restoring.Plan.Rank, WorkerFailure.NoPeer, reason), Self);
    }
}
