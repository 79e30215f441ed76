namespace ActorTrain.Cluster.Messages;

/// <summary>A worker built its stages and joined the Gloo group of <paramref name="Generation"/>: it can take steps.</summary>
public sealed record StagesReady(int Rank, int Generation = 0);
