using ActorTrain.Training.Links;

namespace ActorTrain.Training.Ist.Messages;

/// <summary>Worker to server: the trained slices (the receiver owns them) and the summed loss over the round's samples.</summary>
internal sealed record SubnetTrained(int Worker, long Round, SubnetSlices Slices, double LossSum, int Samples) : IOwnsTensors
{
    public void DisposeTensors() => Slices.Dispose();
}
