namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Bytes <paramref name="Offset"/> onwards of a serialized stage snapshot (<paramref name="Total"/> bytes in all) on its
/// way to another worker over Akka.Remote: a replica to the buddy, or a copy to a stage's new host. Chunked because a
/// snapshot is tens of megabytes and a remote message must fit the transport's maximum frame size (see ClusterAkkaConfig).
/// </summary>
public sealed record SnapshotChunk(int Stage, long Step, int Offset, int Total, byte[] Bytes);
