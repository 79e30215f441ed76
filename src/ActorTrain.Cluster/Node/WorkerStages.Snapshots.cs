using System.Diagnostics;
using ActorTrain.Torch;
using ActorTrain.Torch.Serialization;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Pipeline.Messages;
using Akka.Actor;

namespace ActorTrain.Cluster.Node;

/// <summary>The stage host's part in in-memory snapshots: it serializes its stages' snapshots for the node actor to keep, and starts stages from restored ones.</summary>
internal sealed partial class WorkerStages
{
    /// <summary>
    /// The stage paused only for the copy in memory; the bytes (a stage file's, checksummed) are made on a pool thread,
    /// and the node actor, which outlives this host, keeps and replicates them.
    /// </summary>
    private void OnSnapshotTaken(SnapshotTaken taken)
    {
        var node = Context.Parent;
        Task.Run(() =>
        {
            using var snapshot = taken.Snapshot;
            var start = Stopwatch.GetTimestamp();
            var bytes = snapshot.Serialize();
            return new KeepSnapshot(taken.Stage, snapshot.Step, bytes, Stopwatch.GetElapsedTime(start));
        }).PipeTo(node);
    }

    /// <summary>Puts each local stage back at the restored snapshot; false (the failure reported) where one cannot be read.</summary>
    private bool RestoreSnapshots()
    {
        if (_restored is null) return true;
        try
        {
            foreach (var stage in _mine)
            {
                using var snapshot = StageSnapshot.Deserialize(_restored[stage.Index], $"the in-memory snapshot of stage {stage.Index}");
                snapshot.RestoreInto(stage);
            }
            return true;
        }
        catch (Exception e) when (e is CheckpointFormatException or TorchException or ArgumentException or KeyNotFoundException)
        {
            foreach (var stage in _mine) stage.Dispose();
            _mine = [];
            Report(Messages.WorkerFailure.NoPeer, $"restoring an in-memory snapshot failed: {e.Message}");
            return false;
        }
    }
}
