using System.Buffers.Binary;
using ActorTrain.Cluster.Messages;
using Akka.Actor;
using Akka.Serialization;

namespace ActorTrain.Cluster.Snapshots;

/// <summary>
/// <see cref="SnapshotChunk"/> on the wire as a 20-byte header and the raw bytes: the default JSON serializer would
/// send the bytes as base64, a third more, and spend the remoting threads encoding it (bound in ClusterAkkaConfig).
/// </summary>
internal sealed class SnapshotChunkSerializer(ExtendedActorSystem system) : Serializer(system)
{
    private const int HeaderBytes = 20;

    public override int Identifier => 4141;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj)
    {
        var chunk = (SnapshotChunk)obj;
        var bytes = GC.AllocateUninitializedArray<byte>(HeaderBytes + chunk.Bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, chunk.Stage);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4), chunk.Step);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), chunk.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), chunk.Total);
        chunk.Bytes.CopyTo(bytes, HeaderBytes);
        return bytes;
    }

    public override object FromBinary(byte[] bytes, Type type) => new SnapshotChunk(
        BinaryPrimitives.ReadInt32LittleEndian(bytes),
        BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4)),
        BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)),
        BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)),
        bytes[HeaderBytes..]);
}
