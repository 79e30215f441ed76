using System.Diagnostics;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// This process's uplink as <c>cluster.link-bandwidth</c> sets it: every Gloo send between processes takes at least
/// bytes / bandwidth, and sends that overlap (several links, or IST's server sending to each worker) share that one
/// bandwidth: each reserves the uplink after the ones before it. A send that returned sooner (loopback moves gigabytes
/// per second) waits out the rest, so processes on one machine train as if a slower network joined them. Each process
/// paces only its own sends, as a machine's network card would; 0 bytes per second leaves sends unpaced.
/// </summary>
public sealed class LinkPacing
{
    public static readonly LinkPacing Unpaced = new(0);

    private readonly Lock _uplink = new();
    private long _busyUntil;

    public LinkPacing(long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerSecond);
        BytesPerSecond = bytesPerSecond;
    }

    /// <summary>
    /// The pacing every Gloo send of this process obeys: a process is one node with one uplink, so the setting is the
    /// process's. The driver and <c>actortrain node</c> set it from their configuration before their first send.
    /// </summary>
    public static LinkPacing Node { get; internal set; } = Unpaced;

    public long BytesPerSecond { get; }

    public bool Paced => BytesPerSecond > 0;

    /// <summary>The least time <paramref name="bytes"/> may take on this link.</summary>
    public TimeSpan MinimumTime(long bytes) =>
        Paced ? TimeSpan.FromTicks((long)Math.Ceiling(bytes * (double)TimeSpan.TicksPerSecond / BytesPerSecond)) : TimeSpan.Zero;

    /// <summary>How much longer a send of <paramref name="bytes"/> that has taken <paramref name="elapsed"/> must last.</summary>
    public TimeSpan Remaining(long bytes, TimeSpan elapsed)
    {
        var rest = MinimumTime(bytes) - elapsed;
        return rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
    }

    /// <summary>
    /// Bytes each of <paramref name="ranks"/> ranks puts on the wire in an all-reduce of a <paramref name="bytes"/>-byte
    /// tensor: a ring all-reduce (reduce-scatter, then all-gather) sends 2 (p - 1) / p of the tensor from every rank.
    /// </summary>
    public static long AllReduceBytes(long bytes, int ranks) => ranks <= 1 ? 0 : 2 * (ranks - 1) * bytes / ranks;

    /// <summary>
    /// The <see cref="Stopwatch"/> timestamp before which a send of <paramref name="bytes"/> that began at
    /// <paramref name="startTimestamp"/> may not end: its minimum time, counted from when the uplink is free of the
    /// sends reserved before it (never before the send began).
    /// </summary>
    public long Reserve(long bytes, long startTimestamp)
    {
        if (!Paced) return startTimestamp;
        var duration = (long)Math.Ceiling(bytes * (double)Stopwatch.Frequency / BytesPerSecond);
        lock (_uplink)
        {
            _busyUntil = Math.Max(startTimestamp, _busyUntil) + duration;
            return _busyUntil;
        }
    }

    /// <summary>Waits until a send of <paramref name="bytes"/> that began at <paramref name="startTimestamp"/> may end (<see cref="Reserve"/>).</summary>
    public void Pace(long bytes, long startTimestamp)
    {
        if (!Paced) return;
        var deadline = Reserve(bytes, startTimestamp);
        // Sleep the whole milliseconds (Thread.Sleep's grain), then yield through the rest, so a short send is paced as
        // exactly as a long one without spinning a core.
        while (Stopwatch.GetTimestamp() is var now && now < deadline)
        {
            var left = Stopwatch.GetElapsedTime(now, deadline);
            if (left >= TimeSpan.FromMilliseconds(2)) Thread.Sleep(left - TimeSpan.FromMilliseconds(1));
            else Thread.Yield();
        }
    }
}
