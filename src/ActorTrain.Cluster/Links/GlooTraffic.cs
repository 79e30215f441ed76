using System.Diagnostics;
using ActorTrain.Cluster.Messages;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// What one worker's Gloo links sent of training traffic: bytes (headers and payloads), payload sends and the time the
/// stage threads spent blocked in them. A send returns once the peer's always-posted receive has the bytes, so that
/// time is the transfer's cost to the pipeline. Several links of a worker add to one counter from their stage threads.
/// </summary>
internal sealed class GlooTraffic
{
    private long _bytes, _sends, _ticks;

    public void Add(long bytes, long startTimestamp)
    {
        var ticks = Stopwatch.GetTimestamp() - startTimestamp;
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Increment(ref _sends);
        Interlocked.Add(ref _ticks, ticks);
    }

    public LinkTraffic Snapshot(int rank) =>
        new(rank, Interlocked.Read(ref _bytes), Interlocked.Read(ref _sends), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)));
}
