using ActorTrain.Cluster.Messages;

namespace ActorTrain.Cluster.Snapshots;

/// <summary>
/// A worker's serialized stage snapshots, its own stages' and the replicas its ring neighbour sends, by stage and step
/// (the newest <see cref="SnapshotRetention.Kept"/> per stage), and the snapshots still arriving in chunks. Owned by
/// the worker's long-lived node actor, so the copies outlive the stage hosts a re-placement releases.
/// </summary>
internal sealed class SnapshotStore
{
    private readonly Dictionary<int, SortedSet<long>> _steps = new();
    private readonly Dictionary<(int Stage, long Step), byte[]> _bytes = new();
    private readonly Dictionary<(int Stage, long Step), (byte[] Bytes, int Received)> _arriving = new();

    /// <summary>Keeps <paramref name="bytes"/> as stage <paramref name="stage"/>'s snapshot before <paramref name="step"/> (a copy of the same step replaces the one held).</summary>
    public void Put(int stage, long step, byte[] bytes)
    {
        if (!_steps.TryGetValue(stage, out var held)) _steps[stage] = held = new SortedSet<long>();
        _bytes[(stage, step)] = bytes;
        foreach (var dropped in SnapshotRetention.Add(held, step)) _bytes.Remove((stage, dropped));
    }

    public void Clear()
    {
        _steps.Clear();
        _bytes.Clear();
        _arriving.Clear();
    }

    public bool TryGet(int stage, long step, out byte[] bytes) => _bytes.TryGetValue((stage, step), out bytes!);

    /// <summary>Adds a chunk; returns the whole snapshot once its last chunk is in (chunks come in order from one sender).</summary>
    public byte[]? Receive(SnapshotChunk chunk)
    {
        var key = (chunk.Stage, chunk.Step);
        if (chunk.Offset == 0 || !_arriving.TryGetValue(key, out var arriving)) arriving = (new byte[chunk.Total], 0);
        chunk.Bytes.CopyTo(arriving.Bytes, chunk.Offset);
        arriving.Received += chunk.Bytes.Length;
        if (arriving.Received < chunk.Total)
        {
            _arriving[key] = arriving;
            return null;
        }
        _arriving.Remove(key);
        return arriving.Bytes;
    }

    /// <summary><paramref name="bytes"/> cut into chunks of at most <paramref name="size"/> bytes.</summary>
    public static IEnumerable<SnapshotChunk> Chunks(int stage, long step, byte[] bytes, int size)
    {
        for (var offset = 0; offset < bytes.Length || offset == 0; offset += size)
            yield return new SnapshotChunk(stage, step, offset, bytes.Length, bytes.AsSpan(offset, Math.Min(size, bytes.Length - offset)).ToArray());
    }
}
