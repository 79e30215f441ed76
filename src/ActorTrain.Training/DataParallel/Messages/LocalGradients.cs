using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.DataParallel.Messages;

/// <summary>
/// Replica to coordinator: gradients of the replica's share, already weighted by its share of the global batch, in
/// parameter order. The receiver owns the tensors. <paramref name="LossSum"/> is the summed loss of the share.
/// </summary>
internal sealed record LocalGradients(int Replica, long Step, IReadOnlyList<Tensor> Gradients, double LossSum, int Samples) : IOwnsTensors
{
    public void DisposeTensors()
    {
        foreach (var g in Gradients) g.Dispose();
    }
}
