namespace ActorTrain.Cluster.Messages;

/// <summary>
/// A fault plan's storage fault, sent by the driver to a stage host just before the <see cref="SaveStages"/> of
/// <paramref name="Step"/>: its stage files fail to write as on a full disk, or (<paramref name="Kill"/>) the worker
/// writes them and then SIGKILLs itself before it reports them, so the driver never writes the manifest.
/// </summary>
public sealed record InjectStorageFault(long Step, bool Kill, string Description);
