using ActorTrain.Training.Links;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>A stage's in-memory snapshot, handed to its supervisor (see <see cref="WireStage.HandSnapshotsOver"/>), which owns it.</summary>
internal sealed record SnapshotTaken(int Stage, StageSnapshot Snapshot) : IOwnsTensors
{
    public void DisposeTensors() => Snapshot.Dispose();
}
