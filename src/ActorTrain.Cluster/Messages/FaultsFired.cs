namespace ActorTrain.Cluster.Messages;

/// <summary>
/// How often each entry of the fault plan has fired in the run so far, by plan index, as the driver knows it: sent
/// before a worker hosts a new generation, so a stage fault that fired in a fenced worker's process (a hang) does not
/// fire again on the worker that takes its stage over.
/// </summary>
public sealed record FaultsFired(int[] Counts);
