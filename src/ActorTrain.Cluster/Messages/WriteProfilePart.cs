namespace ActorTrain.Cluster.Messages;

/// <summary>
/// A profiled run is over (the pipeline drained, the final checkpoint written): the worker writes what it recorded
/// into <paramref name="Directory"/> and answers <see cref="ProfilePartWritten"/>.
/// </summary>
public sealed record WriteProfilePart(string Directory);
