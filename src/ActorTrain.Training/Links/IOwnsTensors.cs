namespace ActorTrain.Training.Links;

/// <summary>
/// A message that carries tensors its receiver owns. Whoever ends up with it disposes them: the receiving actor, or,
/// when the receiver is gone, the dead-letter disposer (native memory is not the garbage collector's to free in time).
/// </summary>
public interface IOwnsTensors
{
    void DisposeTensors();
}
