namespace ActorTrain.Cluster.Messages;

/// <summary>The driver accepted a worker's hello: the worker stops resending it and waits for its stages.</summary>
public sealed record NodeWelcome(int WorkerIndex);
