namespace ActorTrain.Cluster.Node;

/// <summary>Why a worker stopped serving, and the exit code that says so (0 done, 1 failure, 2 refused).</summary>
public sealed record NodeExit(int Code, string Reason);
