using Akka.Actor;

namespace ActorTrain.Training.Links;

/// <summary>Two stages in one process: the message, tensor included, goes to the receiving actor by reference (no copy).</summary>
internal sealed class InProcessLink(int from, int to, IActorRef receiver, IActorRef sender) : IStageLink
{
    public int From => from;

    public int To => to;

    public void Send(ILinkMessage message) => receiver.Tell(message, sender);
}
