using ActorTrain.Cluster.Messages;
using ActorTrain.Cluster.Snapshots;
using Akka.Actor;

namespace ActorTrain.Cluster.Tests.Snapshots;

public sealed class SnapshotStoreTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void A_snapshot_sent_in_chunks_through_the_serializer_arrives_whole()
    {
        var bytes = Enumerable.Range(0, 250_001).Select(i => (byte)(i * 7)).ToArray();
        var serializer = new SnapshotChunkSerializer((ExtendedActorSystem)Sys);
        var store = new SnapshotStore();

        var chunks = SnapshotStore.Chunks(1, 24, bytes, 100_000).ToList();
        byte[]? whole = null;
        foreach (var chunk in chunks)
        {
            Assert.Null(whole);
            whole = store.Receive((SnapshotChunk)serializer.FromBinary(serializer.ToBinary(chunk), typeof(SnapshotChunk)));
        }

        Assert.Equal([100_000, 100_000, 50_001], chunks.Select(c => c.Bytes.Length));
        Assert.Equal(bytes, whole);
    }

    [Fact]
    public void A_worker_keeps_the_two_newest_snapshots_of_each_stage()
    {
        var store = new SnapshotStore();
        foreach (var step in new long[] { 4, 8, 12 }) store.Put(0, step, [(byte)step]);
        store.Put(1, 4, [1]);

        Assert.False(store.TryGet(0, 4, out _));
        Assert.True(store.TryGet(0, 8, out var eight) && eight[0] == 8);
        Assert.True(store.TryGet(0, 12, out _));
        Assert.True(store.TryGet(1, 4, out _));
    }
}
