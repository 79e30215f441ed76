namespace ActorTrain.Cluster.Messages;

/// <summary>
/// A worker that joined the cluster introduces itself to the driver (resent until answered): its process id, its
/// ActorTrain version, the SHA-256 of its resolved configuration and that configuration as "key = value" lines, so a
/// mismatch can be reported key by key.
/// </summary>
public sealed record NodeHello(int Pid, string Address, string Version, string Fingerprint, string[] ConfigLines);
