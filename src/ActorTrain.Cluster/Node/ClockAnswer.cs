using ActorTrain.Cluster.Messages;
using ActorTrain.Profiling.Merging;
using Akka.Actor;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// A worker's clock, at <c>/user/clock</c>: answers each <see cref="ClockPing"/> with the monotonic time its spans are
/// stamped with. An actor of its own, with nothing else in its mailbox, so the answer waits behind no other work and
/// the round trip the driver measures is as short as the transport allows.
/// </summary>
internal sealed class ClockAnswer : ReceiveActor
{
    public const string Name = "clock";

    public ClockAnswer() => Receive<ClockPing>(p => Sender.Tell(new ClockPong(p.Sequence, Nanoseconds.Now()), Self));

    public static Props Props() => Akka.Actor.Props.Create(() => new ClockAnswer());
}
