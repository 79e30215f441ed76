namespace ActorTrain.Cluster.Messages;

/// <summary>The driver refused a worker (another version or configuration): the worker exits with code 2.</summary>
public sealed record NodeRefused(string Reason);
