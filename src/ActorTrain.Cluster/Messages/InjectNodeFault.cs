namespace ActorTrain.Cluster.Messages;

/// <summary>
/// A fault plan's kill-node or leave-node, sent by the driver to the worker hosting the stage: the worker SIGKILLs its
/// own process (<paramref name="Kill"/>, which works on any machine) or leaves the cluster as on SIGTERM.
/// </summary>
public sealed record InjectNodeFault(bool Kill, string Description);
