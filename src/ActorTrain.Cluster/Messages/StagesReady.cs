namespace ActorTrain.Cluster.Messages;

/// <summary>A worker built its stages and joined the Gloo group: it can take steps.</summary>
public sealed record StagesReady(int Rank);
