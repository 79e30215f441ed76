namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Parameter server to worker, over Akka: train round <paramref name="Round"/>, <paramref name="Steps"/> local steps on
/// batches <paramref name="FirstBatch"/>.. of your shard in <paramref name="Epoch"/>. The slices themselves follow over
/// Gloo, one send per entry of <paramref name="Slices"/> in that order; the worker receives them, trains, and answers
/// with <see cref="SubnetRoundTrained"/>.
/// </summary>
public sealed record TrainSubnetRound(long Round, int Epoch, int FirstBatch, int Steps, long OptimizerSteps, SliceShape[] Slices);
