using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.DataParallel.Messages;

/// <summary>Coordinator to replica: the combined gradients of step <paramref name="Step"/>, in parameter order. The receiver owns the tensors.</summary>
internal sealed record AveragedGradients(long Step, IReadOnlyList<Tensor> Gradients) : IOwnsTensors
{
    public void DisposeTensors()
    {
        foreach (var g in Gradients) g.Dispose();
    }
}
