namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Worker to parameter server, over Akka: round <paramref name="Round"/> is trained (loss summed over
/// <paramref name="Samples"/> samples); its slices follow over Gloo, one send per entry of <paramref name="Slices"/>.
/// </summary>
public sealed record SubnetRoundTrained(int Worker, long Round, double LossSum, int Samples, long OptimizerSteps, SliceShape[] Slices);
