using ActorTrain.Training.Links;

namespace ActorTrain.Training.Ist.Messages;

/// <summary>
/// Server to worker: load <paramref name="Slices"/> (the receiver owns them), train
/// <paramref name="Steps"/> local steps on batches <paramref name="FirstBatch"/>.. of your shard in
/// <paramref name="Epoch"/>, and send your slices back.
/// </summary>
internal sealed record TrainSubnet(long Round, int Epoch, int FirstBatch, int Steps, SubnetSlices Slices) : IOwnsTensors
{
    public void DisposeTensors() => Slices.Dispose();
}
