namespace ActorTrain.Cluster.Messages;

/// <summary>
/// A worker was lost and the driver places the stages again: a survivor stops its stages, closes its links and leaves
/// the Gloo group, but stays in the cluster, then answers <see cref="StagesReleased"/> for <paramref name="Generation"/>.
/// </summary>
public sealed record ReleaseStages(int Generation);
