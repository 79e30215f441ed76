using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Policy;
using Akka.Actor;

namespace ActorTrain.Cluster.Node;

/// <summary>A worker's stages report their spans to an <see cref="EpochMeter"/>; at each checkpoint its sums go to the driver, for the policy.</summary>
internal static class StageTimeReport
{
    public static void Send(EpochMeter meter, IActorRef driver, IActorRef self)
    {
        foreach (var (stage, (compute, wait)) in meter.TakeStages()) driver.Tell(new StageTimes(stage, compute, wait), self);
    }
}
