using ActorTrain.Training.Links;
using Akka.Actor;
using Akka.Event;

namespace ActorTrain.Training.Hosting;

/// <summary>
/// Frees the tensors of messages that reached no one (sent to a stage that had already stopped, or left in its mailbox
/// when it stopped): the receiver owns a message's tensors, and when there is no receiver this actor stands in for it.
/// </summary>
internal sealed class DeadLetterDisposer : ReceiveActor
{
    public DeadLetterDisposer() => Receive<AllDeadLetters>(d =>
    {
        if (d.Message is IOwnsTensors owner) owner.DisposeTensors();
    });
}
